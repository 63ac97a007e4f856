import { readContent } from '../shared/content/contentReader.ts';
import { frenchDateTime } from '../shared/french.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import './meetingMessages.ts';
import { type MeetingEvent, meetingEventOf } from './meetingEvent.ts';
import type { MeetingParticipantItem } from './meetingItems.ts';
import { verifyParticipantToken } from './meetingLinks.ts';
import { meetingSpaceView } from './meetingSpace.ts';
import { meetingEventById, meetingStore } from './meetingTable.ts';
import { businessMeetingBySlugQuery } from './queries.ts';

/** What the routes share: the table, the event of a slug, the participant of a link, their refusals. */

export { meetingEventById, meetingStore };

export const unknownMeetingEvent = (slug: string): ProblemError =>
  new ProblemError({
    status: 404,
    title: 'problem.notFound.title',
    detail: 'problem.meetingNotFound.detail',
    params: { slug: slug.slice(0, 100) },
  });

/** The `404` of a link that is not one of ours, or whose registration is gone: it reveals nothing more. */
export const invalidParticipantLink = (): ProblemError =>
  new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'meetings.linkInvalid' });

export const wishesClosed = (event: MeetingEvent): ProblemError =>
  new ProblemError({
    status: 409,
    title: 'problem.wishesClosed.title',
    detail: 'meetings.wishesClosed',
    params: { date: frenchDateTime(event.wishesDeadline) },
  });

/** The published business-meeting event of a slug, complete, or a `404`. */
export async function meetingEventBySlug(
  slug: string,
  options: { revalidate?: boolean } = {},
): Promise<MeetingEvent> {
  const { value } = await readContent(businessMeetingBySlugQuery, { slug }, options);
  const event = meetingEventOf(value);
  if (!event) throw unknownMeetingEvent(slug);
  return event;
}

/** The participant a signed link designates, or a `404`. */
export async function participantOfLink(token: string, now: Date): Promise<MeetingParticipantItem> {
  const link = verifyParticipantToken(token, await tokenKeyRing(), now);
  const participant = link ? await meetingStore.participant(link.eventId, link.participantId) : undefined;
  if (!participant) throw invalidParticipantLink();
  return participant;
}

/** What the participant's routes answer: their space as it is now (a `404` when the event is gone). */
export async function spaceOf(participant: MeetingParticipantItem, now: Date) {
  const event = await meetingEventById(participant.eventId);
  if (!event) throw invalidParticipantLink();
  const [participants, run] = await Promise.all([
    meetingStore.participants(event.id),
    meetingStore.run(event.id),
  ]);
  const stored = run?.state === 'gridStored' || run?.state === 'mailed';
  const meetings = stored ? await meetingStore.meetings(event.id) : [];
  return meetingSpaceView(event, participant, participants, { stored, meetings }, now);
}
