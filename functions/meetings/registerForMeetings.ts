import { systemClock } from '../shared/clock.ts';
import { frenchDateTime } from '../shared/french.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { type Language, translate } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance } from '../shared/rateLimits.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { addressHashKeyValue } from '../shared/tokens/tokenKeys.ts';
import { meetingEventBySlug, meetingStore } from './meetingContext.ts';
import { type MeetingEvent, retentionEnd, slotAt, wishesOpen } from './meetingEvent.ts';
import { type MeetingParticipantItem, participantIdOf, participantKey } from './meetingItems.ts';
import { meetingParticipantRequestSchema } from './meetingRequest.ts';

/** The same answer for every address: whether it was registered already is not the caller's to learn. */
const accepted = (language: Language) =>
  jsonResponse(202, { status: 'registered', message: translate(language, 'meetings.registered') });

/** The slot indices of the times given, or a `400` naming the times that are not the grid's. */
function slotIndices(event: MeetingEvent, times: readonly string[], language: Language): number[] {
  const unknown = times.map((time, index) => ({ time, index })).filter(({ time }) => !slotAt(event, time));
  if (unknown.length > 0)
    throw new ProblemError({
      status: 400,
      title: 'problem.validation.title',
      detail: 'problem.validation.detail',
      errors: unknown.map(({ index }) => ({
        pointer: `/slots/${index}`,
        detail: translate(language, 'meetings.slot.unknown', {
          slots: event.slots.map((slot) => slot.time).join(', '),
        }),
      })),
    });
  return [...new Set(times.map((time) => slotAt(event, time)?.index as number))].sort((x, y) => x - y);
}

/**
 * `POST /meetings/{slug}/participants`: a participant registers on one side, until the deadline
 * for wishes. One registration per address and event; the stream worker mails the link to
 * their space (again, at most once a day, when the address registers again). A client past its
 * allowance, or a mailbox that had its share of form mails, is refused (429); a robot that
 * filled the honeypot gets the same 202.
 */
export const handler = httpHandler(
  {
    bodySchema: async () => meetingParticipantRequestSchema(),
    formChallenge: formChallengeCheck('meetings'),
  },
  async ({ body, event: request, language }) => {
    const now = systemClock.now();
    const event = await meetingEventBySlug(request.pathParameters?.slug ?? '');
    if (!wishesOpen(event, now))
      throw new ProblemError({
        status: 409,
        title: 'problem.meetingsClosed.title',
        detail: 'meetings.registrationClosed',
        params: { date: frenchDateTime(event.wishesDeadline) },
      });
    const availableSlots = slotIndices(event, body.slots, language);
    if (body.website.trim() !== '') return accepted(language);
    await limitOrRefuse(
      [await clientAllowance(request, 'meetingParticipants', now), await mailboxAllowance(body.email, now)],
      now,
    );
    const addressHashKey = await addressHashKeyValue();
    const id = participantIdOf(addressHashKey, event.id, body.email);
    const participant: MeetingParticipantItem = {
      ...participantKey(event.id, id),
      eventId: event.id,
      id,
      side: body.side,
      name: body.name,
      organisation: body.organisation,
      offer: body.offer,
      availableSlots,
      wishes: [],
      email: body.email,
      addressKey: keyedAddressHash(addressHashKey, body.email),
      registeredAt: now.toISOString(),
      linkRequestedAt: now.toISOString(),
      consentAt: now.toISOString(),
      expiresAt: retentionEnd(event),
    };
    const outcome = await meetingStore.register(participant, now);
    logger.info('Business-meeting participant registered', { eventId: event.id, participantId: id, outcome });
    return accepted(language);
  },
);
