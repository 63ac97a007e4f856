import { randomBytes } from 'node:crypto';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { clientAllowance, mailboxAllowance, takeAllowances, tooManyRequests } from '../shared/rateLimits.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { addressHashKeyValue } from '../shared/tokens/tokenKeys.ts';
import { communesOfPostcode } from './communes.ts';
import {
  checkSubmission,
  organizationAndContact,
  type Submission,
  submissionExpiry,
  submissionIdOf,
} from './submission.ts';
import { submissionConsentVersion } from './submissionConsent.ts';
import { campaignOfSlug, refusedSubmission, refuseOutsideWindow } from './submissionContext.ts';
import { submissionFormPost } from './submissionForm.ts';
import { submissionRequestSchema } from './submissionRequest.ts';
import { DynamoDbSubmissionStore } from './submissionStore.ts';

const store = new DynamoDbSubmissionStore(dynamoDbDocumentClient(), tableNameOf('eventSubmissions'));

/**
 * `POST /campaigns/{campaign}/submissions`: checks the event against the campaign's criteria
 * and records it; stream workers write the draft for the moderators and send the mails. JSON or
 * a plain form. The same submission posted again answers the same id and records nothing; a
 * client past its allowance, or a mailbox that had its share of form mails, is refused (429).
 */
export const handler = httpHandler(
  {
    // Built on the first body to parse, not at import.
    bodySchema: async () => submissionRequestSchema(),
    formPost: submissionFormPost,
    formChallenge: formChallengeCheck('submission'),
  },
  async ({ body, event, language }) => {
    const campaign = await campaignOfSlug(event.pathParameters?.campaign ?? '');
    const now = systemClock.now();
    refuseOutsideWindow(campaign, now);
    // A robot that filled the honeypot gets the answer a person gets, and nothing is kept.
    if (body.website.trim() !== '') return jsonResponse(202, { id: randomBytes(12).toString('hex') });

    const communes =
      body.attendanceMode !== 'online' && body.postalCode ? await communesOfPostcode(body.postalCode) : [];
    const checked = checkSubmission(body, campaign, communes);
    if (!checked.ok) throw refusedSubmission(checked.problems, language);

    const addressHashKey = await addressHashKeyValue();
    const content = { ...organizationAndContact(body), event: checked.event };
    const id = submissionIdOf(campaign._id, content, addressHashKey);
    const client = await clientAllowance(event, 'eventSubmissions', now);
    const known = await store.get(id);
    // The acknowledgement is a mail a form causes: within the mailbox's allowance.
    const usedUp = await takeAllowances(
      known ? [client] : [client, await mailboxAllowance(content.contact.email, now)],
    );
    if (usedUp) throw tooManyRequests(usedUp, now);
    if (known) return jsonResponse(202, { id });

    const submission: Submission = {
      id,
      campaign: { id: campaign._id, slug: campaign.slug ?? '', title: campaign.title ?? '' },
      version: 1,
      submittedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...content,
      consent: { textVersion: submissionConsentVersion, givenAt: now.toISOString() },
      addressKey: keyedAddressHash(addressHashKey, content.contact.email),
      expiresAt: submissionExpiry(campaign, now),
    };
    const outcome = await store.recordNew(submission);
    logger.info('Event submitted', { submissionId: id, outcome, campaign: campaign.slug });
    return jsonResponse(202, { id });
  },
);
