import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { contactEmail } from './directoryEmails.ts';
import type { DirectoryContactRequest } from './directoryEntry.ts';
import { directoryEntryPageUrl, signDirectoryToken } from './directoryLinks.ts';
import { DynamoDbDirectoryStore } from './directoryStore.ts';

const store = new DynamoDbDirectoryStore(dynamoDbDocumentClient(), tableNameOf('directoryEntries'));

/**
 * Stream worker of visitors' messages (`INSERT` of `CONTACT#…`): mails each to the member once,
 * the visitor's address as `Reply-To`, then forgets it. A member who deleted their entry (or
 * whose data was erased) meanwhile receives nothing.
 */
export const handler = streamWorker<DirectoryContactRequest>({
  name: 'mailDirectoryContacts',
  mailer: idempotentMailer,
  handle: async ({ newImage: request, log }, mail) => {
    if (!request) return;
    const member = await store.get(request.entryId);
    if (member?.status === 'confirmed') {
      const [{ brand }, ring] = await Promise.all([currentSiteSettings(), tokenKeyRing()]);
      const entryUrl = directoryEntryPageUrl(signDirectoryToken(member.id, member.linkNonce, ring));
      await mail.sendOnce(`${request.id}#member`, await contactEmail(request, member, { brand, entryUrl }));
      log.info('Directory message mailed to the member', {
        entryId: member.id,
        contactRequestId: request.id,
      });
    } else log.info('The member’s entry is gone: message not sent', { contactRequestId: request.id });
    await store.forgetContactRequest(request.id);
  },
});
