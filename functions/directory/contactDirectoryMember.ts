import { randomBytes } from 'node:crypto';
import { systemClock } from '../shared/clock.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { translate } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance } from '../shared/rateLimits.ts';
import { addressKey } from '../shared/tokens/tokenKeys.ts';
import { directoryContactSchema } from './directoryContact.ts';
import { directoryStore } from './directoryContext.ts';
import { contactRequestHours, entryIdOfDocument } from './directoryEntry.ts';
import { directoryContactConsentVersion } from './directoryVocabulary.ts';
import { publishedEntry } from './getDirectoryProfile.ts';

/**
 * `POST /directory/contact/{id}`: a visitor writes to a published member. The message is kept
 * until a stream worker mails it to the member (`mailDirectoryContacts`), with the visitor's
 * address to answer to; the member's address is never shown. Outbound only: the visitor gets no
 * copy. Capped per client (`directoryContacts`) and, as every form's mail, per recipient's
 * mailbox (`FORM_MAILS_PER_MAILBOX`).
 */
export const handler = httpHandler(
  { body: directoryContactSchema, formChallenge: formChallengeCheck('directory') },
  async ({ body, event, language }) => {
    const now = systemClock.now();
    const id = event.pathParameters?.id ?? '';
    await publishedEntry(id);
    const entryId = entryIdOfDocument(id);
    const member = entryId ? await directoryStore.get(entryId) : undefined;
    if (member?.status !== 'confirmed')
      throw new ProblemError({
        status: 409,
        title: 'problem.directoryContactUnavailable.title',
        detail: 'directory.contact.unavailable',
      });
    const answer = jsonResponse(202, { message: translate(language, 'directory.contact.sent') });
    if (body.website.trim() !== '') return answer;
    await limitOrRefuse(
      [await clientAllowance(event, 'directoryContacts', now), await mailboxAllowance(member.email, now)],
      now,
    );
    const requestId = randomBytes(12).toString('hex');
    await directoryStore.recordContactRequest({
      id: requestId,
      entryId: member.id,
      requester: { name: body.name, email: body.email },
      message: body.message,
      consent: { textVersion: directoryContactConsentVersion, givenAt: now.toISOString() },
      addressKey: await addressKey(body.email),
      sentAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + contactRequestHours * 3600,
    });
    logger.info('Directory contact request recorded', { entryId: member.id, contactRequestId: requestId });
    return answer;
  },
);
