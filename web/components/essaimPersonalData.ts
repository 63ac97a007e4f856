import {
  personalDataFieldLabels,
  personalDataFormHtml,
} from '../../functions/personalData/personalDataForm.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import type { EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { enhanceForm } from './formEnhancement.ts';

/**
 * `<essaim-personal-data>`: ask to receive or erase what the network keeps about an address.
 * A confirmation link goes to that address; nothing happens before its owner's click.
 * Attributes: `api`, `heading-level` (of the error summary), `next` (a thank-you page of the
 * host site for visitors without JavaScript; the hosted one otherwise).
 */
export class EssaimPersonalData extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const draw = (values: Record<string, string> = {}, errors: Record<string, string> = {}) => {
      this.innerHTML = personalDataFormHtml({
        idPrefix: this.idPrefix,
        headingLevel: this.headingLevel(),
        action: `${config.apiUrl}/personal-data/requests`,
        values,
        errors,
        ...(this.getAttribute('next') ? { next: this.getAttribute('next') as string } : {}),
      });
      return this.querySelector('form') as HTMLFormElement;
    };
    enhanceForm<{ message: string }>(draw(), {
      config,
      path: '/personal-data/requests',
      challenge: 'personalData',
      fields: Object.keys(personalDataFieldLabels),
      redraw: draw,
      accepted: ({ body }) => {
        this.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1">
<p><strong>Plus qu’une étape : confirmez votre demande.</strong></p>
<p>${escapeHtml(body.message)}</p>
<p>Vous ne le trouvez pas ? Regardez dans vos courriers indésirables ; le lien est valable 24 heures.</p></div>`;
        this.querySelector<HTMLElement>('.essaim-notice')?.focus();
      },
    });
  }
}
