import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { contentReadToken, queryContentLake } from '../shared/content/contentLakeQuery.ts';
import type {
  CampaignByIdForSubmissionsQueryResult,
  SubmissionPublishedQueryResult,
} from '../shared/content/sanity.types.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { campaignByIdForSubmissionsQuery, submissionPublishedQuery } from './queries.ts';
import type { Submission, SubmissionCampaign } from './submission.ts';
import { invalidSubmissionLink } from './submissionContext.ts';
import { verifySubmissionToken } from './submissionLinks.ts';
import { DynamoDbSubmissionStore } from './submissionStore.ts';

export const submissionStore = new DynamoDbSubmissionStore(
  dynamoDbDocumentClient(),
  tableNameOf('eventSubmissions'),
);

/**
 * The submission a signed link designates, with its campaign; a `404` that reveals nothing for
 * a tampered link, a link of another purpose, or a submission that is gone.
 */
export async function submissionOfLink(
  token: string,
  now: Date,
): Promise<{ submission: Submission; campaign: SubmissionCampaign }> {
  const id = token.length < 1000 ? verifySubmissionToken(token, await tokenKeyRing(), now) : null;
  const submission = id ? await submissionStore.get(id) : undefined;
  if (!submission) throw invalidSubmissionLink();
  // Read afresh (no cache, so no content revision to check): an organiser's link is opened rarely.
  const campaign = await queryContentLake<CampaignByIdForSubmissionsQueryResult>(
    campaignByIdForSubmissionsQuery,
    { id: submission.campaign.id },
    await contentReadToken(),
  );
  if (!campaign) throw invalidSubmissionLink();
  return { submission, campaign };
}

/** Whether a version of the submission is published (the published perspective only). */
export async function isPublished(submissionId: string): Promise<boolean> {
  const published = await queryContentLake<SubmissionPublishedQueryResult>(
    submissionPublishedQuery,
    { submission: submissionId },
    await contentReadToken(),
  );
  return published === true;
}
