import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig, eventUrl } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { frenchPeriod } from './frenchDates.ts';

/** What `GET`/`DELETE /registrations/{token}` answer. */
interface RegistrationView {
  readonly id: string;
  readonly status: 'pending' | 'confirmed' | 'waitlisted' | 'cancelled';
  readonly position?: number;
  readonly heldUntil?: string;
  readonly name: string;
  readonly email: string;
  readonly registeredAt: string;
  readonly event: { slug: string; title: string; startsAt: string; endsAt: string };
}

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
});

const statusText = (view: RegistrationView): string =>
  view.status === 'pending'
    ? `Votre inscription attend votre confirmation${
        view.heldUntil
          ? ` : une place vous est réservée jusqu’à ${parisTime.format(new Date(view.heldUntil))}`
          : ''
      }.`
    : view.status === 'confirmed'
      ? 'Votre inscription est confirmée : une place vous attend.'
      : view.status === 'waitlisted'
        ? `Vous êtes sur la liste d’attente${view.position ? ` (position ${view.position})` : ''}. Un e-mail vous préviendra si une place se libère.`
        : 'Cette inscription est annulée.';

/**
 * `<essaim-registration>`: the page a manage link opens (`inscription.html?jeton=…`): the
 * registration, a calendar file, and cancelling it after a confirmation step. Attributes:
 * `token` (else the page's `?jeton=`), `api`.
 */
export class EssaimRegistration extends EssaimElement {
  private config!: EssaimConfig;
  private token = '';

  protected async start(config: EssaimConfig): Promise<void> {
    this.config = config;
    this.token = this.getAttribute('token') || this.fromPageAddress('jeton');
    const found = await callApi<RegistrationView>(config, this.path());
    if (!found.ok) {
      return this.showProblem(
        found.status === 404
          ? {
              ...found.problem,
              title: 'Lien non valide',
              detail:
                'Ce lien ne correspond à aucune inscription. Vérifiez que vous avez copié l’adresse en entier.',
            }
          : found.problem,
      );
    }
    this.draw(found.body);
  }

  private path(): string {
    return `/registrations/${encodeURIComponent(this.token)}`;
  }

  private draw(view: RegistrationView, announce?: string): void {
    const slug = encodeURIComponent(view.event.slug);
    const cancellable = view.status !== 'cancelled';
    const pending = view.status === 'pending';
    this.innerHTML = `<div class="essaim-manage">
<p class="essaim-notice ${view.status === 'cancelled' ? 'essaim-notice-warning' : 'essaim-notice-success'}" role="status" tabindex="-1">${escapeHtml(announce ?? statusText(view))}</p>
<dl class="essaim-facts">
<div><dt>Manifestation</dt><dd><a href="${escapeHtml(eventUrl(this.config, view.event.slug))}">${escapeHtml(view.event.title)}</a></dd></div>
<div><dt>Date</dt><dd>${escapeHtml(frenchPeriod(view.event.startsAt, view.event.endsAt))}</dd></div>
<div><dt>Personne inscrite</dt><dd>${escapeHtml(view.name)} (${escapeHtml(view.email)})</dd></div>
</dl>
${pending ? '<p class="essaim-actions"><button type="button" data-step="confirm">Confirmer mon inscription</button></p>' : ''}
${cancellable && !pending ? `<p class="essaim-calendar"><a href="${escapeHtml(`${this.config.apiUrl}/events/${slug}.ics`)}" download>Ajouter à mon agenda (.ics)</a></p>` : ''}
<div class="essaim-cancel">${cancellable ? '<p class="essaim-actions"><button type="button" class="essaim-secondary" data-step="ask">Annuler mon inscription…</button></p>' : ''}</div>
</div>`;
    if (announce) this.querySelector<HTMLElement>('.essaim-notice')?.focus();
    this.querySelector('[data-step="ask"]')?.addEventListener('click', () => this.ask(view));
    this.querySelector('[data-step="confirm"]')?.addEventListener('click', (click) => this.confirm(click));
  }

  /** The registrant's click: only then is the registration confirmed (opening the link does nothing). */
  private async confirm(click: Event): Promise<void> {
    const button = click.currentTarget as HTMLButtonElement;
    button.disabled = true;
    const confirmed = await callApi<RegistrationView>(this.config, `${this.path()}/confirmation`, {
      method: 'POST',
    });
    if (!confirmed.ok) {
      button.insertAdjacentHTML(
        'afterend',
        `<p class="essaim-error" role="alert">${escapeHtml(confirmed.problem.detail)}</p>`,
      );
      button.disabled = false;
      return;
    }
    this.draw(
      confirmed.body,
      confirmed.body.status === 'confirmed'
        ? 'Merci, votre inscription est confirmée. Un e-mail vous le confirme, avec le fichier pour votre agenda.'
        : statusText(confirmed.body),
    );
  }

  /** The confirmation step: nothing is cancelled by one stray click. */
  private ask(view: RegistrationView): void {
    const slot = this.querySelector('.essaim-cancel') as HTMLElement;
    slot.innerHTML = `<div class="essaim-confirm" role="group" aria-labelledby="${this.idPrefix}-question">
<p id="${this.idPrefix}-question"><strong>Voulez-vous vraiment annuler votre inscription à « ${escapeHtml(view.event.title)} » ?</strong>${
      view.status === 'confirmed' ? ' Votre place sera proposée à une autre personne.' : ''
    }</p>
<p class="essaim-actions"><button type="button" class="essaim-danger" data-step="cancel">Oui, annuler mon inscription</button> <button type="button" class="essaim-secondary" data-step="keep">Non, la garder</button></p>
</div>`;
    slot.querySelector<HTMLButtonElement>('[data-step="cancel"]')?.focus();
    slot.querySelector('[data-step="keep"]')?.addEventListener('click', () => {
      this.draw(view);
      this.querySelector<HTMLButtonElement>('[data-step="ask"]')?.focus();
    });
    slot.querySelector('[data-step="cancel"]')?.addEventListener('click', async (clickEvent) => {
      (clickEvent.currentTarget as HTMLButtonElement).disabled = true;
      const cancelled = await callApi<RegistrationView>(this.config, this.path(), { method: 'DELETE' });
      if (!cancelled.ok) {
        slot.insertAdjacentHTML(
          'beforeend',
          `<p class="essaim-error" role="alert">${escapeHtml(cancelled.problem.detail)}</p>`,
        );
        (clickEvent.currentTarget as HTMLButtonElement | null)?.removeAttribute('disabled');
        return;
      }
      this.draw(
        cancelled.body,
        'Votre inscription est annulée. Un e-mail vous le confirme. Merci d’avoir libéré votre place.',
      );
    });
  }
}
