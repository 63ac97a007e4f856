import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import {
  type ListChoice,
  subscriptionFieldLabels,
  subscriptionFormHtml,
} from '../../functions/subscriptions/subscriptionForm.ts';
import { callApi, type EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { enhanceForm } from './formEnhancement.ts';

/** What `GET /subscription-options` answers. */
export interface SubscriptionOptions {
  readonly lists: readonly ListChoice[];
}

/**
 * `<essaim-subscribe>`: subscribe to the network's newsletters (double opt-in: a confirmation
 * mail, nothing else before the owner's click). Attributes: `lists` (ids ticked at first,
 * comma-separated), `api`, `next`.
 */
export class EssaimSubscribe extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const options = await callApi<SubscriptionOptions>(config, '/subscription-options');
    if (!options.ok) return this.showProblem(options.problem);
    const preselected = (this.getAttribute('lists') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const draw = (
      values: Record<string, string> = { lists: preselected.join('\n') },
      errors: Record<string, string> = {},
    ) => {
      this.innerHTML = subscriptionFormHtml({
        idPrefix: this.idPrefix,
        headingLevel: this.headingLevel(),
        action: `${config.apiUrl}/subscriptions`,
        lists: options.body.lists,
        values,
        errors,
        ...(this.getAttribute('next') ? { next: this.getAttribute('next') as string } : {}),
      });
      return this.querySelector('form') as HTMLFormElement;
    };
    enhanceForm<{ message: string }>(draw(), {
      config,
      path: '/subscriptions',
      challenge: 'subscription',
      fields: Object.keys(subscriptionFieldLabels),
      checkboxes: ['consent'],
      arrays: ['lists', 'regions', 'themes'],
      redraw: draw,
      accepted: ({ body }) => {
        this.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1">
<p><strong>Plus qu’une étape : confirmez votre abonnement.</strong></p>
<p>${escapeHtml(body.message)}</p>
<p>Vous ne le trouvez pas ? Regardez dans vos courriers indésirables ; le lien est valable 7 jours.</p></div>`;
        this.querySelector<HTMLElement>('.essaim-notice')?.focus();
      },
    });
  }
}
