import { systemClock } from '../shared/clock.ts';
import { frenchDateTime } from '../shared/french.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { meetingEventBySlug, meetingStore } from './meetingContext.ts';
import type { MeetingEvent } from './meetingEvent.ts';
import {
  type MeetingItem,
  type MeetingParticipantItem,
  type PublicProfile,
  publicProfileOf,
} from './meetingItems.ts';
import { verifyGridToken } from './meetingLinks.ts';

const invalidGridLink = () =>
  new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'meetings.gridLinkInvalid' });

/**
 * The grid of the event a slug names, for the holder of the organiser's mailed link (a signed
 * token for that event, until its date): a tampered, expired or foreign token is a `404`, like
 * an unknown event. A `409` while the deadline has not made the grid yet.
 */
export async function gridOfLink(
  slug: string,
  token: string,
): Promise<{
  event: MeetingEvent;
  meetings: MeetingItem[];
  participants: Map<string, MeetingParticipantItem>;
  profiles: Map<string, PublicProfile>;
}> {
  const granted = verifyGridToken(token, await tokenKeyRing(), systemClock.now());
  if (!granted) throw invalidGridLink();
  const event = await meetingEventBySlug(slug).catch(() => null);
  if (!event || event.id !== granted.eventId) throw invalidGridLink();
  const run = await meetingStore.run(event.id);
  if (run?.state !== 'gridStored' && run?.state !== 'mailed')
    throw new ProblemError({
      status: 409,
      title: 'problem.meetingChange.title',
      detail: 'meetings.gridNotReady',
      params: { date: frenchDateTime(event.wishesDeadline) },
    });
  const [meetings, participants] = await Promise.all([
    meetingStore.meetings(event.id),
    meetingStore.participants(event.id),
  ]);
  return {
    event,
    meetings,
    participants: new Map(participants.map((participant) => [participant.id, participant])),
    profiles: new Map(participants.map((participant) => [participant.id, publicProfileOf(participant)])),
  };
}
