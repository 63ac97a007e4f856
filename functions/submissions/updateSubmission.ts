import { isDeepStrictEqual } from 'node:util';
import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { addressHashKeyValue } from '../shared/tokens/tokenKeys.ts';
import { communesOfPostcode } from './communes.ts';
import { checkSubmission, organizationAndContact, type Submission, submissionExpiry } from './submission.ts';
import { submissionOfLink, submissionStore } from './submissionByLink.ts';
import { submissionConsentVersion } from './submissionConsent.ts';
import { refusedSubmission, refuseOutsideWindow } from './submissionContext.ts';
import { submissionRequestSchema } from './submissionRequest.ts';
import './submissionMessages.ts';

/**
 * `PUT /submissions/{token}`: the organiser's edit, until the campaign's submissions close. It
 * becomes the submission's next version; a worker writes it as a draft in « À modérer », so a
 * published version stays online until a moderator publishes the edit. The same content again
 * changes nothing. Edits are not counted per client (the link is the credential, and an edit
 * mails nobody): a submission takes `maxSubmissionVersions` versions at most.
 */
export const handler = httpHandler(
  { bodySchema: async () => submissionRequestSchema() },
  async ({ body, event, language }) => {
    const now = systemClock.now();
    const { submission, campaign } = await submissionOfLink(event.pathParameters?.token ?? '', now);
    refuseOutsideWindow(campaign, now);
    const communes =
      body.attendanceMode !== 'online' && body.postalCode ? await communesOfPostcode(body.postalCode) : [];
    const checked = checkSubmission(body, campaign, communes);
    if (!checked.ok) throw refusedSubmission(checked.problems, language);

    const content = { ...organizationAndContact(body), event: checked.event };
    const unchanged = isDeepStrictEqual(content, {
      organization: submission.organization,
      contact: submission.contact,
      event: submission.event,
    });
    if (unchanged) return jsonResponse(200, { id: submission.id, version: submission.version });
    const edited: Submission = {
      ...submission,
      ...content,
      version: submission.version + 1,
      updatedAt: now.toISOString(),
      consent: { textVersion: submissionConsentVersion, givenAt: now.toISOString() },
      addressKey: keyedAddressHash(await addressHashKeyValue(), content.contact.email),
      expiresAt: submissionExpiry(campaign, now),
    };
    if ((await submissionStore.recordEdit(edited)) === 'conflict')
      throw new ProblemError({
        status: 409,
        title: 'problem.submissionConflict.title',
        detail: 'submission.conflict',
      });
    logger.info('Submission edited', { submissionId: submission.id, version: edited.version });
    return jsonResponse(200, { id: submission.id, version: edited.version });
  },
);
