import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { participantOfLink, spaceOf } from './meetingContext.ts';

/**
 * `GET /meeting-participants/{token}`: the participant's space: their registration, the other
 * side's public profiles, their wishes, then (once the deadline made it) their schedule. Opening
 * it changes nothing (mail scanners open links): confirming the address is a `POST`.
 */
export const handler = httpHandler({}, async ({ event: request }) => {
  const now = systemClock.now();
  const participant = await participantOfLink(request.pathParameters?.token ?? '', now);
  return jsonResponse(200, await spaceOf(participant, now), { 'cache-control': 'no-store, private' });
});
