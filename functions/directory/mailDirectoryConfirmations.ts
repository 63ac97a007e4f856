import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { confirmationEmail } from './directoryEmails.ts';
import type { DirectoryEntry } from './directoryEntry.ts';
import { directoryEntryPageUrl, signDirectoryToken } from './directoryLinks.ts';

/**
 * Stream worker of pending entries (`ENTRY#…` written with `status` pending: a request, or a
 * new request replacing a pending one): mails the link that confirms the address, once per link
 * (the idempotent mailer, keyed by the link's nonce). An edit of a pending entry keeps its link
 * and so sends nothing more.
 */
export const handler = streamWorker<DirectoryEntry>({
  name: 'mailDirectoryConfirmations',
  mailer: idempotentMailer,
  handle: async ({ newImage: entry, log }, mail) => {
    if (entry?.status !== 'pending') return;
    const [{ brand }, ring] = await Promise.all([currentSiteSettings(), tokenKeyRing()]);
    const entryUrl = directoryEntryPageUrl(signDirectoryToken(entry.id, entry.linkNonce, ring));
    await mail.sendOnce(
      `${entry.id}#confirm#${entry.linkNonce}`,
      await confirmationEmail(entry, { brand, entryUrl }),
    );
    log.info('Directory confirmation mailed', { entryId: entry.id });
  },
});
