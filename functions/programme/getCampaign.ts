import { systemClock } from '../shared/clock.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { deadlineInstant, openingInstant, submissionWindowState } from '../submissions/campaignCalendar.ts';
import './programmeMessages.ts';
import { currentProgramme } from './programmeSnapshotReader.ts';

/**
 * `GET /campaigns/{campaign}`: a campaign's days and the window in which organisers submit their
 * events (`<essaim-submission>` shows it and bounds its date fields), from the programme
 * snapshot. The submission route remains the judge of the window.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const slug = event.pathParameters?.campaign ?? '';
  const programme = await currentProgramme();
  const campaign = programme.campaigns.find((candidate) => candidate.slug === slug);
  if (!campaign)
    throw new ProblemError({
      status: 404,
      title: 'problem.notFound.title',
      detail: 'programme.campaignNotFound.detail',
      params: { campaign: slug.slice(0, 96) },
    });
  return cacheableJson(
    event,
    {
      slug,
      title: campaign.title,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      submissions: {
        state: submissionWindowState(campaign, systemClock.now()),
        opensAt: openingInstant(campaign.submissionsOpenAt)?.toISOString() ?? null,
        closesAt: deadlineInstant(campaign.submissionsCloseAt)?.toISOString() ?? null,
      },
      printedProgrammeDeadline: deadlineInstant(campaign.printedProgrammeDeadline)?.toISOString() ?? null,
      events: programme.events.filter((candidate) => candidate.campaignId === campaign._id).length,
    },
    60,
  );
});
