import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import { invalidParticipantLink, meetingStore, participantOfLink, spaceOf } from './meetingContext.ts';

/**
 * `POST /meeting-participants/{token}/confirmation`: the participant's click in their space
 * confirms the address the link was mailed to; from then on the other side sees their profile.
 * Harmless twice (the first instant is kept). The answer is the space, as `GET` gives it.
 */
export const handler = httpHandler({}, async ({ event: request }) => {
  const now = systemClock.now();
  const participant = await participantOfLink(request.pathParameters?.token ?? '', now);
  await limitOrRefuse([await clientAllowance(request, 'meetingChanges', now)], now);
  const confirmed = participant.confirmedAt
    ? participant
    : await meetingStore.confirm(participant.eventId, participant.id, now);
  if (!confirmed) throw invalidParticipantLink();
  return jsonResponse(200, await spaceOf(confirmed, now), { 'cache-control': 'no-store, private' });
});
