import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { confirmationEmail } from './personalDataEmails.ts';
import type { PersonalDataRequest } from './personalDataRequest.ts';
import { confirmationPageUrl, signRequestToken } from './requestLinks.ts';

/**
 * Stream worker (filtered on `INSERT` of `REQUEST#…`): the confirmation mail of a new request,
 * sent once, with its signed link to the confirmation page. A suppressed address gets nothing
 * (the mailer drops it), and the form told nobody either way.
 */
export const handler = streamWorker<PersonalDataRequest>({
  name: 'mailPersonalDataConfirmation',
  mailer: idempotentMailer,
  handle: async ({ newImage: request, log }, mail) => {
    if (!request?.email) return;
    const [{ brand }, ring] = await Promise.all([currentSiteSettings(), tokenKeyRing()]);
    const confirmUntil = new Date(request.confirmUntil);
    const email = await confirmationEmail(request.kind, request.email, {
      brand,
      actionUrl: confirmationPageUrl(signRequestToken(request.id, request.kind, confirmUntil, ring)),
      confirmUntil,
    });
    const sesMessageId = await mail.sendOnce(`${request.pk}#confirmation`, email);
    log.info('Personal data confirmation sent', { kind: request.kind, sesMessageId });
  },
});
