import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import type { EssaimConfig } from './api.ts';
import { eventUrl } from './api.ts';
import { EssaimElement } from './essaimElement.ts';

/**
 * `<essaim-event-link>`: on a thank-you page, the way back to the event the visitor registered
 * to (`?manifestation=…`) and, on the waiting list, their position (`?position=…`).
 */
export class EssaimEventLink extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const slug = this.fromPageAddress('manifestation');
    const position = Number(this.fromPageAddress('position'));
    const parts = [
      Number.isInteger(position) && position > 0
        ? `<p>Votre position sur la liste d’attente : <strong>${position}</strong>.</p>`
        : '',
      slug ? `<p><a href="${escapeHtml(eventUrl(config, slug))}">Revenir à la manifestation</a></p>` : '',
    ];
    this.innerHTML = parts.join('');
  }
}
