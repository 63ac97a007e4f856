import { frenchRegions } from '../../functions/programme/vocabulary.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import type { SubmissionWindowState } from '../../functions/submissions/campaignCalendar.ts';
import { type ApiAnswer, callApi, type EssaimConfig, type Problem } from './api.ts';
import {
  type CampaignWindow,
  campaignWindow,
  campaignWindowOf,
  editableUntilText,
} from './campaignWindow.ts';
import { communesFoundText, communesLookup, showCommuneChoices } from './communeLookup.ts';
import { solvedFormChallenge } from './formChallenge.ts';
import { formValues } from './formEnhancement.ts';
import {
  type Commune,
  communeSituation,
  type OccurrenceRow,
  submissionFieldLabels,
  submissionFormHtml,
} from './submissionFormHtml.ts';
import {
  submissionArrays,
  submissionBody,
  submissionErrors,
  valuesOfSubmission,
} from './submissionValues.ts';

/** What `GET /campaigns/{campaign}` answers that the form needs. */
interface CampaignAnswer {
  readonly title: string | null;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly submissions: {
    readonly state: SubmissionWindowState;
    readonly opensAt: string | null;
    readonly closesAt: string | null;
  };
}

/** What `GET /submissions/{token}` answers. */
interface SubmissionView {
  readonly campaign: { readonly slug: string; readonly title: string };
  readonly editableUntil: string | null;
  readonly published: boolean;
  readonly fields: Readonly<Record<string, unknown>>;
}

const emptyRow: OccurrenceRow = { day: '', start: '', end: '' };
const notice = (kind: 'success' | 'warning' | 'error', html: string, role = 'status') =>
  `<div class="essaim-notice essaim-notice-${kind}" role="${role}" tabindex="-1">${html}</div>`;

/** What the controller needs of its `<essaim-submission>` element (its protected helpers, opened to it). */
export interface SubmissionHost {
  readonly element: HTMLElement;
  readonly idPrefix: string;
  readonly headingLevel: number;
  fromPageAddress(name: string): string;
  showProblem(problem: Problem): void;
}

/**
 * The submission form's behaviour, in a chunk of its own that `<essaim-submission>` loads
 * (organisers alone need it: the other forms' script stays light). A new submission is posted
 * to the campaign; with the organiser's signed link, the recorded one is loaded and saved with
 * `PUT`. Dates are added and removed, the communes of a postcode fetched, the sections that do
 * not apply disabled; the API's problems are shown beside their fields.
 */
export class SubmissionFormController {
  private readonly host: SubmissionHost;
  private readonly config: EssaimConfig;
  private campaign = '';
  private token = '';
  private window: CampaignWindow = { state: 'unknown', text: '' };
  private intro = '';
  private values: Record<string, string> = {};
  private rows: OccurrenceRow[] = [emptyRow];
  private communes: Commune[] = [];
  private communesOf: (postcode: string) => Promise<Commune[]> = async () => [];

  constructor(host: SubmissionHost, config: EssaimConfig) {
    this.host = host;
    this.config = config;
  }

  async start(): Promise<void> {
    const config = this.config;
    this.communesOf = communesLookup(config);
    this.token = this.host.element.getAttribute('token') || this.host.fromPageAddress('jeton');
    this.host.element.addEventListener('submit', (event) => void this.submit(event));
    this.host.element.addEventListener('click', (event) => this.clicked(event));
    this.host.element.addEventListener('input', (event) => this.typed(event));
    this.host.element.addEventListener('change', (event) => this.typed(event));
    if (this.token) return this.startEditing();
    this.campaign = this.host.fromPageAddress('campagne') || this.host.element.getAttribute('campaign') || '';
    if (!/^[a-z0-9][a-z0-9-]{0,95}$/.test(this.campaign))
      return this.host.showProblem({
        status: 404,
        title: 'Campagne introuvable',
        detail: 'Ce formulaire ne désigne aucune campagne. Vérifiez l’adresse de la page.',
      });
    // The page's own campaign dates apply to it alone, not to one named in the address; without
    // them, the campaign's window comes from the API.
    const given = this.host.fromPageAddress('campagne') ? null : campaignWindowOf(this.host.element);
    if (given) this.window = given;
    else {
      const found = await callApi<CampaignAnswer>(config, `/campaigns/${encodeURIComponent(this.campaign)}`);
      if (!found.ok) return this.host.showProblem(found.problem);
      const { submissions, ...days } = found.body;
      this.window = campaignWindow(
        {
          ...days,
          // « Les propositions pour la campagne « Mois de l’ESS 2027 » sont closes… »
          title: days.title ? `la campagne « ${days.title} »` : null,
          submissionsOpenAt: submissions.opensAt,
          submissionsCloseAt: submissions.closesAt,
        },
        new Date(),
        submissions.state,
      );
    }
    if (this.window.state === 'notYetOpen' || this.window.state === 'closed') {
      this.host.element.innerHTML = notice('warning', `<p>${escapeHtml(this.window.text)}</p>`);
      return;
    }
    this.values = { attendanceMode: 'onsite', registration: 'essaim', openToAll: 'true' };
    this.intro = this.window.text
      ? `<p class="essaim-campaign-window">${escapeHtml(this.window.text)}</p>`
      : '';
    this.draw();
  }

  /** The organiser's link: the submission as recorded, in the same form, saved with `PUT`. */
  private async startEditing(): Promise<void> {
    const found = await callApi<SubmissionView>(this.config, this.linkPath());
    if (!found.ok)
      return this.host.showProblem(
        found.status === 404
          ? {
              ...found.problem,
              title: 'Lien non valide',
              detail:
                'Ce lien ne correspond à aucune proposition. Vérifiez que vous avez copié l’adresse en entier.',
            }
          : found.problem,
      );
    const view = found.body;
    const postalCode = typeof view.fields.postalCode === 'string' ? view.fields.postalCode : '';
    this.communes = postalCode ? await this.communesOf(postalCode) : [];
    const regionCode =
      this.communes.find((commune) => commune.code === view.fields.communeCode)?.regionCode ??
      view.fields.regionCode;
    const timeZone = frenchRegions.find((region) => region.code === regionCode)?.timeZone ?? 'Europe/Paris';
    const { values, rows } = valuesOfSubmission(view.fields, timeZone);
    this.values = values;
    this.rows = rows.length > 0 ? rows : [emptyRow];
    const title = escapeHtml(String(view.fields.title ?? ''));
    const until = view.editableUntil ? editableUntilText(view.editableUntil) : '';
    if (view.editableUntil && Date.now() >= new Date(view.editableUntil).getTime()) {
      this.host.element.innerHTML = notice(
        'warning',
        `<p>Votre proposition « ${title} » ne peut plus être modifiée : les propositions pour ${escapeHtml(view.campaign.title)} étaient ouvertes jusqu’au ${escapeHtml(until)}.</p>`,
      );
      return;
    }
    this.intro = `<div class="essaim-campaign-window"><p>Votre proposition « ${title} » pour ${escapeHtml(view.campaign.title)}${
      until ? `, modifiable jusqu’au ${escapeHtml(until)}` : ''
    }.</p><p>${
      view.published
        ? 'Elle est publiée : la version en ligne reste affichée jusqu’à ce que l’équipe relise vos modifications.'
        : 'L’équipe de la CRESS de sa région la relira avant de la publier.'
    }</p></div>`;
    this.draw();
  }

  private linkPath(): string {
    return `/submissions/${encodeURIComponent(this.token)}`;
  }

  private draw(errors: Record<string, string> = {}, announce = ''): HTMLFormElement {
    this.host.element.innerHTML = `${announce}${this.intro}${submissionFormHtml({
      idPrefix: this.host.idPrefix,
      headingLevel: this.host.headingLevel,
      action: this.token
        ? ''
        : `${this.config.apiUrl}/campaigns/${encodeURIComponent(this.campaign)}/submissions`,
      values: this.values,
      errors,
      occurrences: this.rows,
      communes: this.communes,
      submitLabel: this.token ? 'Enregistrer les modifications' : 'Envoyer ma proposition',
      ...(this.window.firstDay ? { firstDay: this.window.firstDay } : {}),
      ...(this.window.lastDay ? { lastDay: this.window.lastDay } : {}),
    })}<p class="essaim-visually-hidden" aria-live="polite" data-announcer></p>`;
    const form = this.host.element.querySelector('form') as HTMLFormElement;
    this.showWhatApplies(form);
    return form;
  }

  /** Sections that apply to the choices made (the place on site, the region online…); the others are disabled, so never sent. */
  private showWhatApplies(form: HTMLFormElement): void {
    for (const section of form.querySelectorAll<HTMLElement>('[data-shown-when]')) {
      const [name = '', wanted = ''] = (section.dataset.shownWhen ?? '').split('=');
      const checked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';
      const shown = wanted.split(',').includes(checked);
      section.hidden = !shown;
      for (const field of section.querySelectorAll<HTMLInputElement>('input, select, textarea, fieldset'))
        field.disabled = !shown;
      if (section instanceof HTMLFieldSetElement) section.disabled = !shown;
    }
  }

  /** What the form holds now: its fields, and its date rows (fields without a name). */
  private capture(form: HTMLFormElement): void {
    this.values = formValues(form, submissionArrays);
    this.rows = [...form.querySelectorAll<HTMLElement>('[data-occurrence]')].map((row) => {
      const part = (name: string) =>
        row.querySelector<HTMLInputElement>(`[data-part="${name}"]`)?.value ?? '';
      return { day: part('day'), start: part('start'), end: part('end') };
    });
  }

  private clicked(event: Event): void {
    const button = (event.target as Element).closest<HTMLButtonElement>(
      'button[data-add-occurrence], button[data-remove-occurrence]',
    );
    const form = button?.form;
    if (!button || !form) return;
    this.capture(form);
    const removed = button.dataset.removeOccurrence;
    if (removed === undefined)
      this.rows.push({ ...emptyRow, start: this.rows.at(-1)?.start ?? '', end: this.rows.at(-1)?.end ?? '' });
    else this.rows.splice(Number(removed), 1);
    this.draw();
    const focusRow = removed === undefined ? this.rows.length - 1 : Math.max(0, Number(removed) - 1);
    this.host.element
      .querySelector<HTMLInputElement>(`[data-occurrence="${focusRow}"] [data-part="day"]`)
      ?.focus();
    this.announce(
      removed === undefined ? `Date ${this.rows.length} ajoutée.` : `Date ${Number(removed) + 1} retirée.`,
    );
  }

  private announce(text: string): void {
    const announcer = this.host.element.querySelector<HTMLElement>('[data-announcer]');
    if (announcer) announcer.textContent = text;
  }

  private typed(event: Event): void {
    const field = event.target as HTMLInputElement;
    const form = field.form;
    if (!form) return;
    if (field.type === 'radio') this.showWhatApplies(form);
    const counter = this.host.element.querySelector<HTMLElement>(`[data-counter="${field.name}"]`);
    if (counter) counter.textContent = `${field.value.length} / ${counter.dataset.max} caractères`;
    if (field.name === 'postalCode' && event.type === 'input')
      void this.lookUpCommunes(form, field.value.trim());
    if (field.name === 'communeCode') this.situate(form);
  }

  /** The communes of a postcode once its five digits are typed. */
  private async lookUpCommunes(form: HTMLFormElement, postcode: string): Promise<void> {
    const select = form.elements.namedItem('communeCode') as HTMLSelectElement | null;
    if (!select) return;
    this.communes = await this.communesOf(postcode);
    // Typed on meanwhile: the answer of the newer postcode draws the list.
    if ((form.elements.namedItem('postalCode') as HTMLInputElement | null)?.value.trim() !== postcode) return;
    showCommuneChoices(select, this.communes);
    this.situate(form);
    if (/^\d{5}$/.test(postcode)) this.announce(communesFoundText(this.communes));
  }

  /** Shows the department and region of the commune chosen (never typed by the organiser). */
  private situate(form: HTMLFormElement): void {
    const code = (form.elements.namedItem('communeCode') as HTMLSelectElement | null)?.value;
    const commune = this.communes.find((candidate) => candidate.code === code);
    const situation = this.host.element.querySelector<HTMLElement>(`#${this.host.idPrefix}-situation`);
    if (situation) situation.textContent = commune ? communeSituation(commune) : '';
  }

  private async submit(event: Event): Promise<void> {
    const form = event.target as HTMLFormElement;
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (!button || button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    this.capture(form);
    const body = submissionBody(this.values, this.rows);
    let answer: ApiAnswer<{ id: string }>;
    if (this.token) answer = await callApi(this.config, this.linkPath(), { method: 'PUT', body });
    else {
      const altcha = await solvedFormChallenge(this.config, 'submission');
      const path = `/campaigns/${encodeURIComponent(this.campaign)}/submissions`;
      answer = await callApi(this.config, path, {
        method: 'POST',
        body: altcha ? { ...body, altcha } : body,
      });
    }
    if (answer.ok) return this.accepted();
    if (!this.token && (answer.status === 403 || answer.status === 404))
      return this.host.showProblem(answer.problem);
    this.refused(answer.problem);
  }

  private accepted(): void {
    if (this.token) {
      this.draw(
        {},
        notice(
          'success',
          '<p><strong>Vos modifications sont enregistrées.</strong> L’équipe les relira avant de les publier.</p>',
        ),
      );
    } else {
      const email = escapeHtml(this.values.email ?? '');
      this.host.element.innerHTML = notice(
        'success',
        `<p><strong>Merci, votre proposition est bien envoyée.</strong></p>
<p>Un accusé de réception part vers ${email}, avec un lien pour la revoir et la modifier tant que les propositions sont ouvertes. L’équipe de la CRESS de votre région la relira avant de la publier au programme.</p>
<p>Vous ne le trouvez pas ? Regardez dans vos courriers indésirables.</p>`,
      );
    }
    this.host.element.querySelector<HTMLElement>('.essaim-notice')?.focus();
  }

  /** Each problem beside its field, and the summary at the top, focused so screen readers read it. */
  private refused(problem: Problem): void {
    const errors = problem.errors?.length
      ? submissionErrors(problem.errors, Object.keys(submissionFieldLabels), this.rows)
      : { '': problem.detail };
    this.draw(errors);
    this.host.element.querySelector<HTMLElement>('.essaim-error-summary')?.focus();
  }
}
