import {
  allowedMoves,
  type GridMeeting,
  type GridParticipant,
} from '../../functions/meetings/meetingGridRules.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig, type Problem } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { frenchPeriod } from './frenchDates.ts';

interface Person {
  readonly id: string;
  readonly name: string;
  readonly organisation: string;
}

interface Meeting {
  readonly id: string;
  readonly time: string;
  readonly table: number;
  readonly status: 'scheduled' | 'cancelled';
  readonly kind: 'mutual' | 'one-sided';
  readonly version: number;
  readonly a: Person | null;
  readonly b: Person | null;
}

/** What `GET /meetings/{slug}/grid` answers (`MeetingGrid` in the OpenAPI document). */
interface Grid {
  readonly event: {
    readonly slug: string;
    readonly title: string;
    readonly sides: Record<'a' | 'b', { readonly label: string }>;
    readonly slots: readonly { readonly time: string; readonly startsAt: string; readonly endsAt: string }[];
    readonly tables: number;
  };
  readonly meetings: readonly Meeting[];
  readonly participants: readonly (Person & { readonly availableSlots: readonly string[] })[];
}

/** A notice for the live region: what an action did, or why it could not. */
type Outcome = { readonly ok: boolean; readonly text: string };

const endTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
});

const who = (person: Person | null) =>
  person ? `${escapeHtml(person.name)} (${escapeHtml(person.organisation)})` : 'un participant retiré';
const plainWho = (person: Person | null) => (person ? person.name : 'un participant retiré');
const problemText = (problem: Problem): string =>
  [problem.detail, ...(problem.errors ?? []).map((error) => error.detail)].join(' ');

/**
 * `<essaim-meeting-grid>`: the page the organising team's mail opens
 * (`rencontre-grille.html?slug=…&jeton=…`): the grid slot by slot, each meeting with « Déplacer »
 * (only the slots and tables the grid's rules allow: `meetingGridRules.ts`, shared with the API)
 * and « Annuler le rendez-vous » (after a confirmation), the CSV and the PDF. Each change is sent
 * with the meeting's version; a `409` shows its reason and the grid as it is now.
 */
export class EssaimMeetingGrid extends EssaimElement {
  private config: EssaimConfig | undefined;
  private slug = '';
  private token = '';
  private grid: Grid | undefined;

  protected async start(config: EssaimConfig): Promise<void> {
    this.config = config;
    this.slug = this.getAttribute('slug') || this.fromPageAddress('slug');
    this.token = this.getAttribute('token') || this.fromPageAddress('jeton');
    if (!this.slug || !this.token)
      return this.showProblem({
        status: 400,
        title: 'Lien incomplet',
        detail: 'Ouvrez en entier le lien reçu par e-mail par l’équipe organisatrice de la rencontre.',
      });
    const loaded = await this.load();
    if (!loaded.ok) return this.showProblem(loaded.problem);
    this.frame();
    this.draw();
  }

  private apiPath(suffix = ''): string {
    return `/meetings/${encodeURIComponent(this.slug)}/grid${suffix}?token=${encodeURIComponent(this.token)}`;
  }

  private async load(): Promise<{ ok: true } | { ok: false; problem: Problem }> {
    const answer = await callApi<Grid>(this.config as EssaimConfig, this.apiPath());
    if (!answer.ok) return { ok: false, problem: answer.problem };
    this.grid = answer.body;
    return { ok: true };
  }

  /** What stays while the grid is redrawn: the title, the files, the live region. */
  private frame(): void {
    const grid = this.grid as Grid;
    const level = this.headingLevel();
    const first = grid.event.slots[0];
    const last = grid.event.slots.at(-1);
    const file = (extension: 'csv' | 'pdf') =>
      escapeHtml(`${(this.config as EssaimConfig).apiUrl}${this.apiPath(`.${extension}`)}`);
    this.innerHTML = `<h${level}>${escapeHtml(grid.event.title)}</h${level}>
<p>${first && last ? `${escapeHtml(frenchPeriod(first.startsAt, last.endsAt))}, ` : ''}${grid.event.tables} ${grid.event.tables > 1 ? 'tables' : 'table'}. Chaque déplacement ou annulation est annoncé par e-mail aux deux participants concernés.</p>
<div class="essaim-results" role="status"></div>
<p class="essaim-actions"><a class="essaim-button" href="${file('csv')}" download>Télécharger la grille (CSV)</a> <a class="essaim-button" href="${file('pdf')}">Imprimer la grille (PDF, A4)</a></p>
<div class="essaim-grid"></div>`;
  }

  /** The meetings slot by slot, then the cancelled ones; `outcome` goes to the live region. */
  private draw(outcome?: Outcome): void {
    const grid = this.grid as Grid;
    const level = Math.min(6, this.headingLevel() + 1);
    const scheduled = grid.meetings.filter((meeting) => meeting.status === 'scheduled');
    const cancelled = grid.meetings.filter((meeting) => meeting.status === 'cancelled');
    const tables = Array.from({ length: grid.event.tables }, (_, index) => index + 1);
    const card = (meeting: Meeting, actions: boolean) => {
      const place = `${meeting.time}, table ${meeting.table}`;
      return `<li class="essaim-card" id="${this.idPrefix}-${escapeHtml(meeting.id)}" tabindex="-1" data-meeting="${escapeHtml(meeting.id)}">
<p class="essaim-card-title"><strong>${actions ? `Table ${meeting.table}` : escapeHtml(place)}</strong></p>
<p>${escapeHtml(grid.event.sides.a.label)} : ${who(meeting.a)}<br>${escapeHtml(grid.event.sides.b.label)} : ${who(meeting.b)}</p>
<p class="essaim-card-meta">${meeting.kind === 'mutual' ? 'Souhait réciproque' : 'Souhait d’un seul côté'} — rendez-vous ${escapeHtml(meeting.id)}${actions ? '' : ' — annulé'}</p>
${
  actions
    ? `<p class="essaim-actions"><button type="button" data-step="move">Déplacer<span class="essaim-visually-hidden"> le rendez-vous de ${escapeHtml(place)}</span></button> <button type="button" class="essaim-secondary" data-step="ask">Annuler le rendez-vous<span class="essaim-visually-hidden"> de ${escapeHtml(place)}</span></button></p>
<div class="essaim-change"></div>`
    : ''
}
</li>`;
    };
    const sections = grid.event.slots.map((slot) => {
      const here = scheduled.filter((meeting) => meeting.time === slot.time);
      const free = tables.filter((table) => !here.some((meeting) => meeting.table === table));
      const freeText =
        free.length === 0
          ? 'Toutes les tables sont prises.'
          : `${free.length === 1 ? 'Table libre' : 'Tables libres'} : ${free.join(', ')}.`;
      return `<section aria-labelledby="${this.idPrefix}-creneau-${escapeHtml(slot.time.replace(':', ''))}">
<h${level} id="${this.idPrefix}-creneau-${escapeHtml(slot.time.replace(':', ''))}">${escapeHtml(slot.time)} – ${escapeHtml(endTime.format(new Date(slot.endsAt)))}</h${level}>
<p>${here.length === 0 ? 'Aucun rendez-vous à ce créneau. ' : ''}${freeText}</p>
${here.length > 0 ? `<ul class="essaim-cards">${here.map((meeting) => card(meeting, true)).join('\n')}</ul>` : ''}
</section>`;
    });
    const cancelledHtml =
      cancelled.length > 0
        ? `<section aria-labelledby="${this.idPrefix}-annules"><h${level} id="${this.idPrefix}-annules">Rendez-vous annulés</h${level}>
<ul class="essaim-cards">${cancelled.map((meeting) => card(meeting, false)).join('\n')}</ul></section>`
        : '';
    const container = this.querySelector('.essaim-grid') as HTMLElement;
    container.innerHTML = `${sections.join('\n')}\n${cancelledHtml}`;
    for (const item of container.querySelectorAll<HTMLElement>('[data-meeting]')) {
      const meeting = grid.meetings.find((candidate) => candidate.id === item.dataset.meeting);
      if (meeting?.status !== 'scheduled') continue;
      item.querySelector('[data-step="move"]')?.addEventListener('click', () => this.askMove(item, meeting));
      item.querySelector('[data-step="ask"]')?.addEventListener('click', () => this.askCancel(item, meeting));
    }
    this.announce(outcome);
  }

  /** Puts an outcome in the live region (or empties it); focus stays where the caller puts it. */
  private announce(outcome?: Outcome): HTMLElement | null {
    const region = this.querySelector('.essaim-results') as HTMLElement;
    region.innerHTML = outcome
      ? `<p class="essaim-notice ${outcome.ok ? 'essaim-notice-success' : 'essaim-notice-error'}" tabindex="-1">${escapeHtml(outcome.text)}</p>`
      : '';
    return region.querySelector<HTMLElement>('.essaim-notice');
  }

  /** Where a meeting may go: the grid's own rules, on the grid as this page last read it. */
  private movesOf(meeting: Meeting): { time: string; table: number }[] {
    const grid = this.grid as Grid;
    const slotOf = new Map(grid.event.slots.map((slot, index) => [slot.time, index]));
    const asRules = (candidate: Meeting): GridMeeting => ({
      id: candidate.id,
      a: candidate.a?.id ?? `retiré-a-${candidate.id}`,
      b: candidate.b?.id ?? `retiré-b-${candidate.id}`,
      slot: slotOf.get(candidate.time) ?? -1,
      table: candidate.table - 1,
      status: candidate.status,
    });
    const participants = new Map<string, GridParticipant>(
      grid.participants.map((participant) => [
        participant.id,
        {
          name: participant.name,
          availableSlots: participant.availableSlots.flatMap((time) => slotOf.get(time) ?? []),
        },
      ]),
    );
    return allowedMoves(
      { tables: grid.event.tables, slots: grid.event.slots.length },
      asRules(meeting),
      grid.meetings.map(asRules),
      participants,
    ).map(({ slot, table }) => ({ time: grid.event.slots[slot]?.time ?? '', table: table + 1 }));
  }

  /** The change slot of a meeting's card, the others closed: one form open at a time. */
  private changeSlot(item: HTMLElement): HTMLElement {
    const slot = item.querySelector('.essaim-change') as HTMLElement;
    for (const other of this.querySelectorAll<HTMLElement>('.essaim-change'))
      if (other !== slot) other.innerHTML = '';
    return slot;
  }

  private askMove(item: HTMLElement, meeting: Meeting): void {
    const slot = this.changeSlot(item);
    const moves = this.movesOf(meeting);
    const id = `${this.idPrefix}-deplacer-${meeting.id}`;
    const pair = `${plainWho(meeting.a)} et ${plainWho(meeting.b)}`;
    slot.innerHTML =
      moves.length === 0
        ? `<div class="essaim-confirm" tabindex="-1"><p>Aucun autre créneau ne convient : à aucun autre moment ${escapeHtml(pair)} ne sont tous deux disponibles et libres avec une table libre.</p>
<p class="essaim-actions"><button type="button" class="essaim-secondary" data-step="keep">Fermer</button></p></div>`
        : `<form class="essaim-form essaim-confirm" novalidate>
<div class="essaim-field"><label for="${id}">Nouveau créneau et table</label>
<p class="essaim-hint" id="${id}-aide">Seuls sont proposés les créneaux où ${escapeHtml(pair)} sont disponibles et libres, avec une table libre.</p>
<select id="${id}" name="target" aria-describedby="${id}-aide">${moves
            .map(
              (move) =>
                `<option value="${escapeHtml(`${move.time}|${move.table}`)}">${escapeHtml(move.time)}, table ${move.table}</option>`,
            )
            .join('')}</select></div>
<p class="essaim-actions"><button type="submit">Déplacer le rendez-vous</button> <button type="button" class="essaim-secondary" data-step="keep">Ne pas le déplacer</button></p>
</form>`;
    const close = () => {
      slot.innerHTML = '';
      item.querySelector<HTMLButtonElement>('[data-step="move"]')?.focus();
    };
    slot.querySelector('[data-step="keep"]')?.addEventListener('click', close);
    const form = slot.querySelector('form');
    form?.addEventListener('submit', (submitEvent) => {
      submitEvent.preventDefault();
      const [time = '', table = ''] = (form.elements.namedItem('target') as HTMLSelectElement).value.split(
        '|',
      );
      void this.change(
        meeting,
        { time, table: Number(table), version: meeting.version },
        form.querySelector('button[type="submit"]'),
      );
    });
    (
      slot.querySelector<HTMLElement>('select') ?? slot.querySelector<HTMLElement>('.essaim-confirm')
    )?.focus();
  }

  private askCancel(item: HTMLElement, meeting: Meeting): void {
    const slot = this.changeSlot(item);
    const question = `${this.idPrefix}-annuler-${meeting.id}`;
    slot.innerHTML = `<div class="essaim-confirm" role="group" aria-labelledby="${question}" tabindex="-1">
<p id="${question}"><strong>Voulez-vous vraiment annuler le rendez-vous de ${escapeHtml(meeting.time)}, table ${meeting.table}, entre ${who(meeting.a)} et ${who(meeting.b)} ?</strong> Les deux participants en sont prévenus par e-mail ; la table se libère.</p>
<p class="essaim-actions"><button type="button" class="essaim-danger" data-step="cancel">Oui, annuler le rendez-vous</button> <button type="button" class="essaim-secondary" data-step="keep">Non, le garder</button></p>
</div>`;
    slot.querySelector('[data-step="keep"]')?.addEventListener('click', () => {
      slot.innerHTML = '';
      item.querySelector<HTMLButtonElement>('[data-step="ask"]')?.focus();
    });
    slot.querySelector('[data-step="cancel"]')?.addEventListener('click', (click) => {
      void this.change(
        meeting,
        { cancelled: true, version: meeting.version },
        click.currentTarget as HTMLButtonElement,
      );
    });
    slot.querySelector<HTMLElement>('.essaim-confirm')?.focus();
  }

  /** Sends one change; the grid is read again after it (or after a `409`), and the outcome announced. */
  private async change(
    meeting: Meeting,
    body: { time: string; table: number; version: number } | { cancelled: true; version: number },
    button: HTMLButtonElement | null,
  ): Promise<void> {
    if (button) button.disabled = true;
    const answer = await callApi<{ time: string | null; table: number }>(
      this.config as EssaimConfig,
      this.apiPath(`/${encodeURIComponent(meeting.id)}`),
      { method: 'PATCH', body },
    );
    const pair = `${plainWho(meeting.a)} et ${plainWho(meeting.b)}`;
    if (!answer.ok && answer.status !== 409) {
      if (button) button.disabled = false;
      this.announce({ ok: false, text: problemText(answer.problem) })?.focus();
      return;
    }
    const reloaded = await this.load();
    const outcome: Outcome = !answer.ok
      ? {
          ok: false,
          text: `${problemText(answer.problem)}${reloaded.ok ? ' La grille ci-dessous est à jour.' : ''}`,
        }
      : 'cancelled' in body
        ? {
            ok: true,
            text: `Le rendez-vous de ${meeting.time}, table ${meeting.table}, entre ${pair} est annulé. Les deux participants en sont prévenus par e-mail.`,
          }
        : {
            ok: true,
            text: `Le rendez-vous entre ${pair} est déplacé à ${answer.body.time ?? body.time}, table ${answer.body.table}. Les deux participants en sont prévenus par e-mail.`,
          };
    if (!reloaded.ok) {
      this.announce({ ok: false, text: `${outcome.text} ${problemText(reloaded.problem)}` })?.focus();
      if (button) button.disabled = false;
      return;
    }
    this.draw(outcome);
    // After a move, the meeting in its new place; otherwise the outcome itself.
    const moved =
      answer.ok && !('cancelled' in body)
        ? this.querySelector<HTMLElement>(`#${CSS.escape(`${this.idPrefix}-${meeting.id}`)}`)
        : null;
    (moved ?? this.querySelector<HTMLElement>('.essaim-results .essaim-notice'))?.focus();
  }
}
