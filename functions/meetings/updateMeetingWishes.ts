import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { translate } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import {
  invalidParticipantLink,
  meetingEventById,
  meetingStore,
  participantOfLink,
  wishesClosed,
} from './meetingContext.ts';
import { otherSide, wishesOpen } from './meetingEvent.ts';
import { meetingWishesSchema } from './meetingRequest.ts';

/**
 * `PUT /meeting-participants/{token}/wishes`: the participant's ranked wishes (ids of the other
 * side), before the deadline only; after it, a `409` that says why. An id that is not a
 * participant of the other side is refused at its place in the list.
 */
export const handler = httpHandler(
  { bodySchema: async () => meetingWishesSchema() },
  async ({ body, event: request, language }) => {
    const now = systemClock.now();
    const participant = await participantOfLink(request.pathParameters?.token ?? '', now);
    const event = await meetingEventById(participant.eventId);
    if (!event) throw invalidParticipantLink();
    if (!wishesOpen(event, now)) throw wishesClosed(event);
    await limitOrRefuse([await clientAllowance(request, 'meetingChanges', now)], now);
    const others = new Set(
      (await meetingStore.participants(event.id))
        .filter((other) => other.side === otherSide(participant.side) && other.confirmedAt)
        .map((other) => other.id),
    );
    const unknown = body.wishes.flatMap((id, index) => (others.has(id) ? [] : [index]));
    if (unknown.length > 0)
      throw new ProblemError({
        status: 400,
        title: 'problem.validation.title',
        detail: 'problem.validation.detail',
        errors: unknown.map((index) => ({
          pointer: `/wishes/${index}`,
          detail: translate(language, 'meetings.wish.unknown'),
        })),
      });
    if (!(await meetingStore.setWishes(event.id, participant.id, body.wishes, now)))
      throw invalidParticipantLink();
    return jsonResponse(200, { wishes: body.wishes });
  },
);
