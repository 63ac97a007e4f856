import {
  directoryArrayFields,
  directoryEntryFormHtml,
  directoryFieldLabels,
} from '../../functions/directory/directoryForm.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { enhanceForm } from './formEnhancement.ts';

/** The member's entry as `GET /directory/entries/{token}` answers it. */
interface MemberEntry {
  readonly status: 'pending' | 'confirmed';
  readonly published: boolean;
  readonly keptUntil: string;
  readonly fields: Record<string, unknown>;
}

/** The form's values of a recorded entry: lists one value a line, as the form keeps them. */
const valuesOf = (fields: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join('\n') : String(value),
    ]),
  );

const notice = (kind: 'success' | 'error', title: string, text: string) =>
  `<div class="essaim-notice essaim-notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}" tabindex="-1"><p><strong>${escapeHtml(
    title,
  )}</strong></p><p>${escapeHtml(text)}</p></div>`;

/**
 * `<essaim-directory-join>`: the form to ask for an entry in the member directory; with the
 * member's link (`token` attribute, or `?jeton=` of the hosted page `annuaire-fiche.html`), the
 * member's page: confirm the address (a click: opening the link changes nothing), then edit or
 * delete the entry. Attributes: `api`, `heading-level`.
 */
export class EssaimDirectoryJoin extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const token = this.getAttribute('token') || this.fromPageAddress('jeton');
    if (!token) return this.showForm(config, '/directory/entries', 'POST', {});
    const path = `/directory/entries/${encodeURIComponent(token)}`;
    const entry = await callApi<MemberEntry>(config, path);
    if (!entry.ok) return this.showProblem(entry.problem);
    if (entry.body.status === 'pending') return this.askConfirmation(config, path, entry.body);
    this.showMemberPage(config, path, entry.body);
  }

  private showForm(
    config: EssaimConfig,
    path: string,
    method: 'POST' | 'PUT',
    values: Record<string, string>,
    before = '',
  ): void {
    const edit = method === 'PUT';
    const draw = (formValues: Record<string, string>, errors: Record<string, string> = {}) => {
      this.innerHTML = `${before}${directoryEntryFormHtml(
        { idPrefix: this.idPrefix, headingLevel: this.headingLevel(), values: formValues, errors },
        { edit },
      )}`;
      this.querySelector('.essaim-delete')?.addEventListener('click', () => this.deleteEntry(config, path));
      return this.querySelector('form') as HTMLFormElement;
    };
    enhanceForm<{ message?: string; version?: number }>(draw(values), {
      config,
      path,
      method,
      ...(edit ? {} : { challenge: 'directory' as const }),
      fields: Object.keys(directoryFieldLabels),
      checkboxes: ['consent'],
      arrays: [...directoryArrayFields],
      redraw: draw,
      accepted: ({ body }) => {
        this.innerHTML = edit
          ? notice(
              'success',
              'Vos modifications sont enregistrées.',
              'L’équipe les relit avant de les publier ; la version publiée reste en ligne en attendant.',
            )
          : notice('success', 'Merci, votre demande est enregistrée.', body.message ?? '');
        this.querySelector<HTMLElement>('.essaim-notice')?.focus();
      },
    });
  }

  private askConfirmation(config: EssaimConfig, path: string, entry: MemberEntry): void {
    this.innerHTML = `<p>Confirmez votre adresse : votre fiche part ensuite vers l’équipe, qui la relit avant de la publier.</p>
<p class="essaim-actions"><button type="button">Confirmer mon adresse</button></p><div class="essaim-outcome" role="status"></div>`;
    const button = this.querySelector('button') as HTMLButtonElement;
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await callApi<{ message: string }>(config, `${path}/confirmation`, { method: 'POST' });
      if (!answer.ok) {
        button.disabled = false;
        (this.querySelector('.essaim-outcome') as HTMLElement).innerHTML = notice(
          'error',
          answer.problem.title,
          answer.problem.detail,
        );
        return;
      }
      this.showMemberPage(config, path, { ...entry, status: 'confirmed' }, answer.body.message);
    });
  }

  private showMemberPage(config: EssaimConfig, path: string, entry: MemberEntry, message?: string): void {
    const kept = new Date(entry.keptUntil).toLocaleDateString('fr-FR', { dateStyle: 'long' });
    const state = entry.published
      ? 'Votre fiche est publiée dans l’annuaire.'
      : 'Votre fiche attend la relecture de l’équipe avant d’être publiée.';
    const before = `${message ? notice('success', 'Adresse confirmée.', message) : ''}<p>${escapeHtml(
      `${state} Elle est gardée jusqu’au ${kept} ; chaque modification prolonge ce délai.`,
    )}</p>
<p class="essaim-actions"><button type="button" class="essaim-delete">Supprimer ma fiche</button></p>`;
    this.showForm(config, path, 'PUT', valuesOf(entry.fields), before);
    this.querySelector<HTMLElement>('.essaim-notice')?.focus();
  }

  private async deleteEntry(config: EssaimConfig, path: string): Promise<void> {
    if (!window.confirm('Supprimer votre fiche de l’annuaire, tout de suite et complètement ?')) return;
    const answer = await callApi<{ status: string }>(config, path, { method: 'DELETE' });
    this.innerHTML = answer.ok
      ? notice(
          'success',
          'Votre fiche est supprimée.',
          'Elle a disparu de l’annuaire, et nous n’en gardons rien.',
        )
      : notice('error', answer.problem.title, answer.problem.detail);
    this.querySelector<HTMLElement>('.essaim-notice')?.focus();
  }
}
