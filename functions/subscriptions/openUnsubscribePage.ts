import { formAnswerPage } from '../shared/forms/formAnswerPage.ts';
import { escapeHtml } from '../shared/forms/formMarkup.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { unsubscribePageUrl } from './subscriptionLinks.ts';

/**
 * `GET /unsubscribe/{token}`: changes nothing (link scanners follow links). Someone who opens
 * the `List-Unsubscribe` address in a browser gets a page leading to the unsubscribe page, which
 * offers to leave this list or everything. (Mails link to that page directly.)
 */
export const handler = httpHandler({}, async ({ event }) => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex, nofollow',
  },
  body: formAnswerPage({
    title: 'Se désabonner',
    body: `<p>Rien n’a changé pour l’instant. Choisissez sur la page suivante de quoi vous désabonner : cette lettre, ou tout.</p>
<p class="essaim-actions"><a class="essaim-button" href="${escapeHtml(unsubscribePageUrl(event.pathParameters?.token ?? ''))}">Continuer vers le désabonnement</a></p>`,
  }),
}));
