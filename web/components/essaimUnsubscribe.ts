import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import type { EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';

/** The list a link names, read from the token's payload (signed, but not secret): `*` for everything. */
function listOfToken(token: string): string | null {
  try {
    const payload = JSON.parse(
      atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    ) as unknown[];
    return typeof payload[2] === 'string' ? payload[2] : null;
  } catch {
    return null;
  }
}

/**
 * `<essaim-unsubscribe>`: the page the unsubscribe link opens (`desabonnement.html?jeton=…`):
 * leave the list the mail came from, or everything. Opening it changes nothing.
 */
export class EssaimUnsubscribe extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const token = this.getAttribute('token') || this.fromPageAddress('jeton');
    const list = listOfToken(token);
    // A digest's link names no list (`_digest`): leaving it stops the digests, the lists stay.
    const digest = list === '_digest';
    const leaveThis = digest ? 'Ne plus recevoir le résumé' : 'Me désabonner de cette lettre';
    this.innerHTML = `<p>Vous ne souhaitez plus recevoir nos messages ?</p>
<p class="essaim-actions">${
      list && list !== '*' ? `<button type="button" data-scope="list">${leaveThis}</button> ` : ''
    }<button type="button" class="${list && list !== '*' ? 'essaim-secondary' : ''}" data-scope="all">Me désabonner de tout</button></p>
<div class="essaim-outcome" role="status"></div>`;
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-scope]')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        let response: Response | null = null;
        try {
          response = await fetch(`${config.apiUrl}/unsubscribe/${encodeURIComponent(token)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr' },
            body: `scope=${button.dataset.scope}`,
          });
        } catch {
          response = null;
        }
        const outcome = this.querySelector('.essaim-outcome') as HTMLElement;
        if (!response?.ok) {
          button.disabled = false;
          const problem = response ? ((await response.json().catch(() => ({}))) as { detail?: string }) : {};
          outcome.innerHTML = `<p class="essaim-error">${escapeHtml(problem.detail ?? 'Le service ne répond pas. Réessayez dans quelques instants.')}</p>`;
          return;
        }
        this.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1"><p><strong>${
          button.dataset.scope === 'all'
            ? 'Vous êtes désabonné de tout.'
            : digest
              ? 'Vous ne recevrez plus le résumé ; vos autres abonnements restent.'
              : 'Vous êtes désabonné de cette lettre.'
        }</strong> C’est fait, sans autre étape.</p></div>`;
        this.querySelector<HTMLElement>('.essaim-notice')?.focus();
      });
    }
  }
}
