import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig, hostedPageUrl } from './api.ts';
import { EssaimElement } from './essaimElement.ts';

/**
 * `<essaim-subscription-confirm>`: the page the confirmation mail opens
 * (`confirmer-abonnement.html?jeton=…`). Confirming takes a click on the page, never the mere
 * opening of the link (mail scanners open links, some run their scripts).
 */
export class EssaimSubscriptionConfirm extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const token = this.getAttribute('token') || this.fromPageAddress('jeton');
    this.innerHTML = `<p>Un dernier clic pour recevoir nos lettres d’information à votre adresse.</p>
<p class="essaim-actions"><button type="button">Confirmer mon abonnement</button></p>
<div class="essaim-outcome" role="status"></div>`;
    const button = this.querySelector('button') as HTMLButtonElement;
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await callApi<{ preferencesToken: string; email: string }>(
        config,
        `/subscriptions/${encodeURIComponent(token)}/confirmation`,
        { method: 'POST' },
      );
      const outcome = this.querySelector('.essaim-outcome') as HTMLElement;
      if (!answer.ok) {
        button.disabled = false;
        outcome.innerHTML = `<div class="essaim-notice essaim-notice-error"><p><strong>${escapeHtml(answer.problem.title)}</strong></p><p>${escapeHtml(answer.problem.detail)}</p></div>`;
        if (answer.status === 410 || answer.status === 404) button.remove();
        return;
      }
      const preferences = hostedPageUrl('subscriptionPreferences', { jeton: answer.body.preferencesToken });
      this.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1">
<p><strong>Votre abonnement est confirmé.</strong> Merci !</p>
<p>Vous recevrez nos lettres à ${escapeHtml(answer.body.email)}. Chacune contient un lien pour vous désabonner en un clic.</p>
<p><a href="${escapeHtml(preferences)}">Choisir mes régions, mes thèmes et mon récapitulatif</a></p></div>`;
      this.querySelector<HTMLElement>('.essaim-notice')?.focus();
    });
  }
}
