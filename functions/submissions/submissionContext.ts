import { readContent } from '../shared/content/contentReader.ts';
import { lazyDateTimeFormat } from '../shared/french.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { type Language, translate } from '../shared/messages.ts';
import { deadlineInstant, openingInstant, submissionWindowState } from './campaignCalendar.ts';
import { campaignForSubmissionsQuery } from './queries.ts';
import type { SubmissionCampaign, SubmissionProblem } from './submission.ts';
import './submissionMessages.ts';

/** What the routes share: the campaign read from the Content Lake, and their refusals. */

/** « samedi 16 octobre 2027 à 00:00 » (Paris): when submissions open or close. */
const parisDateTime = lazyDateTimeFormat('fr-FR', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** The published campaign of a slug, or a 404 (a slug that cannot be one is not looked up). */
export async function campaignOfSlug(slug: string): Promise<SubmissionCampaign> {
  const campaign = /^[a-z0-9][a-z0-9-]{0,95}$/.test(slug)
    ? (await readContent(campaignForSubmissionsQuery, { campaign: slug }, { revalidate: true })).value
    : null;
  if (!campaign)
    throw new ProblemError({
      status: 404,
      title: 'problem.notFound.title',
      detail: 'problem.campaignNotFound.detail',
      params: { campaign: slug.slice(0, 100) },
    });
  return campaign;
}

/** A `403` unless the campaign takes submissions (and edits) at `now`. */
export function refuseOutsideWindow(campaign: SubmissionCampaign, now: Date): void {
  const state = submissionWindowState(campaign, now);
  if (state === 'open') return;
  const date =
    state === 'notYetOpen'
      ? openingInstant(campaign.submissionsOpenAt)
      : deadlineInstant(campaign.submissionsCloseAt);
  throw new ProblemError({
    status: 403,
    title: 'problem.submissionsClosed.title',
    detail: state === 'notYetOpen' ? 'submission.window.notYetOpen' : 'submission.window.closed',
    params: {
      campaign: campaign.title ?? '',
      date: date
        ? parisDateTime()
            .format(date)
            .replace(/^(\S+ )1 /, '$11er ')
        : '?',
    },
  });
}

/** The `400` of the checks made against the campaign and the communes: one entry per field. */
export const refusedSubmission = (problems: readonly SubmissionProblem[], language: Language): ProblemError =>
  new ProblemError({
    status: 400,
    title: 'problem.validation.title',
    detail: 'problem.validation.detail',
    errors: problems.map((problem) => ({
      pointer: problem.pointer,
      detail: translate(language, problem.key, problem.params),
    })),
  });

/** The `404` of a link that is not one of ours, or whose submission is gone: it reveals nothing more. */
export const invalidSubmissionLink = (): ProblemError =>
  new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'submission.linkInvalid' });
