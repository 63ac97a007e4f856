import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { eventPageUrl } from '../shared/pageLinks.ts';
import { setting } from '../shared/settings.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { eventChangeNotice } from './eventChangeNotice.ts';
import type { Registration } from './registration.ts';
import { emailFor, registrationEmail } from './registrationEmails.ts';
import { manageUrl, signManageToken } from './registrationLinks.ts';
import { RegistrationTable } from './registrationTable.ts';

const registrations = new RegistrationTable(dynamoDbDocumentClient(), tableNameOf('registrations'));

/**
 * Stream worker: one e-mail per change of a registration (confirmation with its .ics, waiting
 * list, promotion, cancellation, changed event, link), in stream order so that a confirmation
 * is not overtaken by its cancellation notice.
 */
export const handler = streamWorker<Registration>({
  name: 'sendRegistrationEmails',
  mailer: idempotentMailer,
  inOrder: true,
  handle: async ({ newImage: after, oldImage: before, log }, mail) => {
    if (!after) return;
    const wanted = emailFor(before, after);
    if (!wanted) return;
    const [{ brand }, ring] = await Promise.all([currentSiteSettings(), tokenKeyRing()]);
    const link = manageUrl(signManageToken({ eventId: after.eventId, registrationId: after.id }, ring));
    const email =
      wanted.kind === 'eventChanged'
        ? await eventChangeNotice(after, wanted.changes, { brand, manageUrl: link })
        : await registrationEmail(wanted.kind, after, {
            brand,
            eventUrl: eventPageUrl,
            manageUrl: link,
            retentionMonths: setting('registrationRetentionMonths'),
            ...(wanted.kind === 'waitlisted' ? { position: await registrations.waitingPosition(after) } : {}),
            ...(wanted.kind === 'cancelled' &&
            (before?.status === 'waitlisted' || before?.status === 'pending')
              ? { cancelledFrom: before.status }
              : {}),
            ...(wanted.kind === 'pending'
              ? {
                  ...(after.holdsPlace && after.holdUntil ? { heldUntil: after.holdUntil } : {}),
                  again: wanted.key !== `${after.id}#pending`,
                }
              : {}),
          });
    const sesMessageId = await mail.sendOnce(wanted.key, email);
    log.info('Registration e-mail sent', { registrationId: after.id, kind: wanted.kind, sesMessageId });
  },
});
