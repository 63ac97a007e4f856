import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { translate } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import { invalidParticipantLink, meetingEventById, participantOfLink } from './meetingContext.ts';
import { withdrawParticipant } from './meetingGridWrites.ts';

/**
 * `DELETE /meeting-participants/{token}`: the participant leaves the event from their space.
 * Their registration is deleted (the link then answers 404) and, once the grid is made, their
 * scheduled meetings are cancelled: the other participants are mailed once each by the stream
 * worker, as for an organiser's cancellation. A `409` while the deadline's run makes the grid.
 */
export const handler = httpHandler({}, async ({ event: request, language }) => {
  const now = systemClock.now();
  const participant = await participantOfLink(request.pathParameters?.token ?? '', now);
  const event = await meetingEventById(participant.eventId);
  if (!event) throw invalidParticipantLink();
  await limitOrRefuse([await clientAllowance(request, 'meetingChanges', now)], now);
  const outcome = await withdrawParticipant(
    dynamoDbDocumentClient(),
    tableNameOf('businessMeetings'),
    event.id,
    participant.id,
    now,
  );
  if (outcome === 'gone') throw invalidParticipantLink();
  if (outcome === 'gridInProgress')
    throw new ProblemError({
      status: 409,
      title: 'problem.meetingWithdrawal.title',
      detail: 'meetings.withdrawal.gridInProgress',
      headers: { 'retry-after': '300' },
    });
  logger.info('Business-meeting participant withdrew', { eventId: event.id, cancelled: outcome.cancelled });
  return jsonResponse(
    200,
    {
      status: 'withdrawn',
      cancelled: outcome.cancelled,
      message: translate(
        language,
        outcome.cancelled > 0 ? 'meetings.withdrawnWithMeetings' : 'meetings.withdrawn',
        {
          title: event.title,
        },
      ),
    },
    { 'cache-control': 'no-store, private' },
  );
});
