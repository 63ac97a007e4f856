import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';

type RequestKind = 'export' | 'erase';

/** What the link asks, read from the token's payload (signed, not secret) for the page's words only. */
function kindOfToken(token: string): RequestKind | null {
  try {
    const payload = JSON.parse(
      atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    ) as unknown[];
    return payload[2] === 'export' || payload[2] === 'erase' ? payload[2] : null;
  } catch {
    return null;
  }
}

const words = {
  export: {
    intro: 'Vous avez demandé à recevoir tout ce que nous gardons sur votre adresse e-mail.',
    button: 'Recevoir mes données',
    confirmed:
      'Vos données partent vers votre adresse dans un instant, en fichier joint à un e-mail. Vous ne le trouvez pas ? Regardez dans vos courriers indésirables.',
  },
  erase: {
    intro:
      'Vous avez demandé l’effacement de tout ce que nous gardons sur votre adresse e-mail : abonnement, inscriptions (une inscription à venir sera annulée), messages. Nous ne vous écrirons plus, sauf un dernier e-mail pour vous dire que c’est fait.',
    button: 'Effacer mes données',
    confirmed:
      'L’effacement est en cours ; un dernier e-mail vous confirme qu’il est fait. Nous ne vous écrirons plus ensuite.',
  },
} as const;

/**
 * `<essaim-personal-data-confirm>`: the page the confirmation mail opens
 * (`confirmer-donnees-personnelles.html?jeton=…`). Exporting or erasing takes a click on the
 * page, never the mere opening of the link (mail scanners open links, some run their scripts).
 */
export class EssaimPersonalDataConfirm extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const token = this.getAttribute('token') || this.fromPageAddress('jeton');
    const kind = kindOfToken(token);
    if (!kind) {
      this.showProblem({
        status: 404,
        title: 'Lien invalide',
        detail: 'Ce lien de confirmation n’est pas valide. Copiez-le en entier depuis l’e-mail reçu.',
      });
      return;
    }
    this.innerHTML = `<p>${escapeHtml(words[kind].intro)}</p>
<p class="essaim-actions"><button type="button">${escapeHtml(words[kind].button)}</button></p>
<div class="essaim-outcome" role="status"></div>`;
    const button = this.querySelector('button') as HTMLButtonElement;
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await callApi<{ request: RequestKind; status: 'confirmed' | 'done' }>(
        config,
        `/personal-data/requests/${encodeURIComponent(token)}/confirmation`,
        { method: 'POST' },
      );
      const outcome = this.querySelector('.essaim-outcome') as HTMLElement;
      if (!answer.ok) {
        button.disabled = false;
        outcome.innerHTML = `<div class="essaim-notice essaim-notice-error"><p><strong>${escapeHtml(answer.problem.title)}</strong></p><p>${escapeHtml(answer.problem.detail)}</p></div>`;
        if (answer.status === 410 || answer.status === 404) button.remove();
        return;
      }
      this.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1">
<p><strong>${answer.body.status === 'done' ? 'Votre demande a déjà été traitée.' : 'Votre demande est confirmée.'}</strong></p>
<p>${escapeHtml(words[answer.body.request].confirmed)}</p></div>`;
      this.querySelector<HTMLElement>('.essaim-notice')?.focus();
    });
  }
}
