import { contactFieldLabels, contactFormHtml } from '../../functions/contact/contactForm.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { enhanceForm } from './formEnhancement.ts';

type Topic = { id: string; label: string };

/**
 * `<essaim-contact>`: the contact form with the topics editors set in the Studio. Attributes:
 * `api` (the API's address, see `api.ts`), `next` (a thank-you page of the host site for
 * visitors without JavaScript; the hosted one otherwise).
 */
export class EssaimContact extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const topics = await callApi<Topic[]>(config, '/contact/topics');
    if (!topics.ok) return this.showProblem(topics.problem);
    const draw = (values: Record<string, string> = {}, errors: Record<string, string> = {}) => {
      this.innerHTML = contactFormHtml({
        idPrefix: this.idPrefix,
        headingLevel: this.headingLevel(),
        action: `${config.apiUrl}/contact`,
        topics: topics.body,
        values,
        errors,
        // Without JavaScript the API answers with the hosted thank-you page unless the host gives its own.
        ...(this.getAttribute('next') ? { next: this.getAttribute('next') as string } : {}),
      });
      return this.querySelector('form') as HTMLFormElement;
    };
    enhanceForm<{ id: string }>(draw(), {
      config,
      path: '/contact',
      challenge: 'contact',
      fields: Object.keys(contactFieldLabels),
      checkboxes: ['consent'],
      redraw: draw,
      accepted: () => {
        this.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1">
<p><strong>Merci, votre message est bien envoyé.</strong></p>
<p>${escapeHtml('Un accusé de réception part vers votre adresse ; nous vous répondrons dès que possible.')}</p></div>`;
        this.querySelector<HTMLElement>('.essaim-notice')?.focus();
      },
    });
  }
}
