import {
  registrationFieldLabels,
  registrationFormHtml,
} from '../../functions/registrations/registrationForm.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig, eventUrl } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { type EventDetail, eventDetailsHtml, eventJsonLd } from './eventDetails.ts';
import { enhanceForm } from './formEnhancement.ts';
import type { ProgrammePage } from './programmeResults.ts';

type RegistrationAnswer = {
  id?: string;
  status?: 'pending' | 'confirmed' | 'waitlisted';
  position?: number;
  message?: string;
};

/**
 * `<essaim-event slug="…">`: one event and its registration form (places left, waiting list,
 * why registration is closed). Attributes: `slug` (else the page's `?slug=`), `heading-level`
 * (2 by default), `pick="next-open"` (instead of a slug: the next event still open to
 * registration, for a home page), `structured-data` (adds schema.org `Event` JSON-LD and the page title: for
 * the page that is the event's own), `api`, `next`.
 */
export class EssaimEvent extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const level = Math.min(6, Math.max(1, Number(this.getAttribute('heading-level') ?? 2) || 2));
    const slug =
      this.getAttribute('pick') === 'next-open'
        ? await nextOpenSlug(config)
        : this.getAttribute('slug') || this.fromPageAddress('slug');
    if (!slug) {
      return this.showProblem(
        { status: 404, title: 'Manifestation introuvable', detail: 'Aucune manifestation n’est indiquée.' },
        level,
      );
    }
    const found = await callApi<EventDetail>(config, `/events/${encodeURIComponent(slug)}`);
    if (!found.ok)
      return this.showProblem(
        found.status === 404 ? { ...found.problem, title: 'Manifestation introuvable' } : found.problem,
        level,
      );
    const event = found.body;
    if (this.hasAttribute('structured-data')) {
      document.title = `${event.title} – ${document.title.split(' – ').pop() ?? ''}`;
      const script = document.createElement('script');
      script.type = 'application/ld+json';
      script.textContent = eventJsonLd(event, eventUrl(config, slug));
      document.head.append(script);
    }
    const action = `/events/${encodeURIComponent(slug)}/registrations`;
    this.innerHTML = `<article class="essaim-event" aria-labelledby="${this.idPrefix}-titre">
${eventDetailsHtml(event, { level, calendarUrl: `${config.apiUrl}/events/${encodeURIComponent(slug)}.ics` })}
<section class="essaim-registration-section" aria-labelledby="${this.idPrefix}-inscription">
<h${Math.min(6, level + 1)} id="${this.idPrefix}-inscription">S’inscrire</h${Math.min(6, level + 1)}>
<div class="essaim-registration-slot"></div>
</section></article>`;
    this.querySelector('.essaim-title')?.setAttribute('id', `${this.idPrefix}-titre`);
    const slot = this.querySelector('.essaim-registration-slot') as HTMLElement;
    const draw = (values: Record<string, string> = {}, errors: Record<string, string> = {}) => {
      slot.innerHTML = registrationFormHtml({
        idPrefix: this.idPrefix,
        headingLevel: Math.min(6, level + 2),
        action: `${config.apiUrl}${action}`,
        registration: event.registration,
        values,
        errors,
        // Without JavaScript the API answers with the hosted thank-you page unless the host gives its own.
        ...(this.getAttribute('next') ? { next: this.getAttribute('next') as string } : {}),
      });
      return slot.querySelector('form') as HTMLFormElement;
    };
    const form = draw();
    if (!form) return;
    enhanceForm<RegistrationAnswer>(form, {
      config,
      path: action,
      challenge: 'registration',
      fields: Object.keys(registrationFieldLabels),
      checkboxes: ['consent'],
      redraw: draw,
      accepted: ({ status, body }) => {
        const message =
          status === 202 || body.status === 'pending'
            ? (body.message ??
              'Vérifiez votre messagerie : cliquez sur le lien de l’e-mail pour confirmer votre inscription.')
            : body.status === 'waitlisted'
              ? `Vous êtes sur la liste d’attente${body.position ? ` (position ${body.position})` : ''}. Un e-mail vous le confirme ; un autre vous préviendra si une place se libère.`
              : 'Votre inscription est confirmée. Un e-mail de confirmation vous a été envoyé, avec le lien pour la gérer ou l’annuler.';
        slot.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1"><p>${escapeHtml(message)}</p></div>`;
        slot.querySelector<HTMLElement>('.essaim-notice')?.focus();
      },
    });
  }
}

/** The first upcoming event of the programme whose registration is open. */
async function nextOpenSlug(config: EssaimConfig): Promise<string> {
  const page = await callApi<ProgrammePage>(config, '/events?limit=50');
  return page.ok ? (page.body.items.find((card) => card.registration.open)?.slug ?? '') : '';
}
