import { eventPlace } from '../shared/french.ts';
import { type MeetingEvent, otherSide } from './meetingEvent.ts';
import {
  type MeetingItem,
  type MeetingParticipantItem,
  type PublicProfile,
  publicProfileOf,
} from './meetingItems.ts';

/** One meeting as a participant sees it: when, where, with whom. */
export interface PersonalMeeting {
  readonly id: string;
  readonly time: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly table: number;
  readonly status: 'scheduled' | 'cancelled';
  readonly mutual: boolean;
  /** The other participant; null when they erased their data since. */
  readonly with: PublicProfile | null;
}

/** A participant's meetings, by time (cancelled ones included, marked so). */
export function personalMeetings(
  event: MeetingEvent,
  participantId: string,
  meetings: readonly MeetingItem[],
  profiles: ReadonlyMap<string, PublicProfile>,
): PersonalMeeting[] {
  return meetings
    .filter((meeting) => meeting.a === participantId || meeting.b === participantId)
    .sort((x, y) => x.slot - y.slot || x.table - y.table)
    .flatMap((meeting) => {
      const slot = event.slots[meeting.slot];
      if (!slot) return [];
      const other = meeting.a === participantId ? meeting.b : meeting.a;
      return [
        {
          id: meeting.id,
          time: slot.time,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          table: meeting.table + 1,
          status: meeting.status,
          mutual: meeting.kind === 'mutual',
          with: profiles.get(other) ?? null,
        },
      ];
    });
}

/** What `GET /meeting-participants/{token}` answers. */
export function meetingSpaceView(
  event: MeetingEvent,
  participant: MeetingParticipantItem,
  participants: readonly MeetingParticipantItem[],
  grid: { readonly stored: boolean; readonly meetings: readonly MeetingItem[] },
  now: Date,
) {
  // Only those who confirmed their address are shown: a profile typed under someone else's address never is.
  const others = participants
    .filter((other) => other.side === otherSide(participant.side) && other.confirmedAt)
    .map(publicProfileOf)
    .sort((x, y) => x.organisation.localeCompare(y.organisation, 'fr') || x.id.localeCompare(y.id));
  const profiles = new Map(participants.map((other) => [other.id, publicProfileOf(other)]));
  return {
    event: {
      slug: event.slug,
      title: event.title,
      date: event.date,
      place: eventPlace(event, {
        online: (url) => `En ligne : ${url}`,
        unknown: 'Lieu communiqué plus tard',
      }),
      sides: event.sides,
      slots: event.slots.map(({ time, startsAt, endsAt }) => ({ time, startsAt, endsAt })),
      tables: event.tables,
      wishesDeadline: event.wishesDeadline,
      wishesOpen: now.getTime() < Date.parse(event.wishesDeadline),
    },
    participant: {
      id: participant.id,
      side: participant.side,
      name: participant.name,
      organisation: participant.organisation,
      offer: participant.offer,
      email: participant.email,
      availableSlots: participant.availableSlots.flatMap((index) => event.slots[index]?.time ?? []),
      registeredAt: participant.registeredAt,
      confirmed: Boolean(participant.confirmedAt),
    },
    others,
    // Wishes of participants who left since are dropped from the view (and from the schedule).
    wishes: participant.wishes.filter((id) => profiles.has(id)),
    schedule: grid.stored ? personalMeetings(event, participant.id, grid.meetings, profiles) : null,
  };
}
