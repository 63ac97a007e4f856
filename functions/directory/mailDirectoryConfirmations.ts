import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { confirmationEmail, freshLinkEmail } from './directoryEmails.ts';
import type { DirectoryEntry } from './directoryEntry.ts';
import { directoryEntryPageUrl, signDirectoryToken } from './directoryLinks.ts';

/** Which link mail a record of an entry calls for, if any (pure). */
export function linkMailOf(
  newImage: DirectoryEntry | undefined,
  oldImage: DirectoryEntry | undefined,
): 'confirmation' | 'freshLink' | null {
  if (newImage?.status === 'pending') return 'confirmation';
  const renewed =
    newImage?.status === 'confirmed' &&
    oldImage?.status === 'confirmed' &&
    oldImage.linkNonce !== newImage.linkNonce;
  return renewed ? 'freshLink' : null;
}

/**
 * Stream worker of the entries' links. A pending entry (a request, or a new request replacing a
 * pending one) is mailed the link that confirms the address; a confirmed entry given a new link
 * nonce (its member lost the link and asked again) is mailed the fresh link. Once per link: the
 * idempotent mailer, keyed by the link's nonce. An edit keeps its link and so sends nothing.
 */
export const handler = streamWorker<DirectoryEntry>({
  name: 'mailDirectoryConfirmations',
  mailer: idempotentMailer,
  handle: async ({ newImage: entry, oldImage, log }, mail) => {
    const kind = linkMailOf(entry, oldImage);
    if (!entry || !kind) return;
    const [{ brand }, ring] = await Promise.all([currentSiteSettings(), tokenKeyRing()]);
    const entryUrl = directoryEntryPageUrl(signDirectoryToken(entry.id, entry.linkNonce, ring));
    const email =
      kind === 'confirmation'
        ? await confirmationEmail(entry, { brand, entryUrl })
        : await freshLinkEmail(entry, { brand, entryUrl });
    await mail.sendOnce(
      `${entry.id}#${kind === 'confirmation' ? 'confirm' : 'link'}#${entry.linkNonce}`,
      email,
    );
    log.info('Directory link mailed', { entryId: entry.id, kind });
  },
});
