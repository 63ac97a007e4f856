import { systemClock } from '../shared/clock.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { type Language, translate } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance } from '../shared/rateLimits.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { addressHashKeyValue } from '../shared/tokens/tokenKeys.ts';
import { directoryStore } from './directoryContext.ts';
import {
  consentOf,
  type DirectoryEntry,
  directoryEntryIdOf,
  newLinkNonce,
  pendingExpiry,
  profileOf,
} from './directoryEntry.ts';
import { directoryEntryRequestSchema } from './directoryRequest.ts';

/** The same answer for every address: whether it has an entry is not the requester's to learn. */
const accepted = (language: Language) =>
  jsonResponse(202, { status: 'pending', message: translate(language, 'directory.requested') });

/**
 * `POST /directory/entries`: a member asks for an entry. It is recorded pending (48 hours); a
 * stream worker mails the confirmation link, and once confirmed the entry goes to the editors as
 * a draft. One entry per address: a new request replaces a pending one (a new link); for a
 * confirmed one, it is a member who lost their link: the entry gets a fresh link (older ones
 * void) that a stream worker mails, the entry itself unchanged. Every request is a mail to the
 * address, so each takes from the mailbox's allowance: a client past its allowance, or a mailbox
 * that had its share of form mails, is refused (429) whatever the address holds; a robot that
 * filled the honeypot gets the same 202.
 */
export const handler = httpHandler(
  { body: directoryEntryRequestSchema, formChallenge: formChallengeCheck('directory') },
  async ({ body, event, language }) => {
    const now = systemClock.now();
    if (body.website.trim() !== '') return accepted(language);
    const addressHashKey = await addressHashKeyValue();
    const id = directoryEntryIdOf(addressHashKey, body.email);
    const known = await directoryStore.get(id);
    await limitOrRefuse(
      [await clientAllowance(event, 'directoryEntries', now), await mailboxAllowance(body.email, now)],
      now,
    );
    if (known?.status === 'confirmed') return renewLink(id, now, language);

    const entry: DirectoryEntry = {
      id,
      status: 'pending',
      version: 1,
      linkNonce: newLinkNonce(),
      email: body.email,
      addressKey: keyedAddressHash(addressHashKey, body.email),
      profile: profileOf(body),
      consent: consentOf(body, now),
      requestedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: pendingExpiry(now),
    };
    const outcome = await directoryStore.requestEntry(entry);
    // Confirmed in the meantime: the same as a confirmed entry.
    if (outcome === 'exists') return renewLink(id, now, language);
    logger.info('Directory entry requested', { entryId: id, outcome });
    return accepted(language);
  },
);

/** The request's profile is not used: the member edits the entry through the fresh link. */
async function renewLink(id: string, now: Date, language: Language) {
  const outcome = await directoryStore.renewLink(id, newLinkNonce(), now);
  logger.info('Directory entry link renewed', { entryId: id, outcome });
  return accepted(language);
}
