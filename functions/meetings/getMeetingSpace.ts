import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import {
  invalidParticipantLink,
  meetingEventById,
  meetingStore,
  participantOfLink,
} from './meetingContext.ts';
import { meetingSpaceView } from './meetingSpace.ts';

/**
 * `GET /meeting-participants/{token}`: the participant's space: their registration, the other
 * side's public profiles, their wishes, then (once the deadline made it) their schedule.
 */
export const handler = httpHandler({}, async ({ event: request }) => {
  const now = systemClock.now();
  const participant = await participantOfLink(request.pathParameters?.token ?? '', now);
  const event = await meetingEventById(participant.eventId);
  if (!event) throw invalidParticipantLink();
  const [participants, run] = await Promise.all([
    meetingStore.participants(event.id),
    meetingStore.run(event.id),
  ]);
  const stored = run?.state === 'gridStored' || run?.state === 'mailed';
  const meetings = stored ? await meetingStore.meetings(event.id) : [];
  return jsonResponse(200, meetingSpaceView(event, participant, participants, { stored, meetings }, now), {
    'cache-control': 'no-store, private',
  });
});
