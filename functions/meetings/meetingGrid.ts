import type { MeetingEvent } from './meetingEvent.ts';
import { type MeetingItem, type MeetingParticipantItem, meetingIdOf, meetingKey } from './meetingItems.ts';
import type { MeetingSchedule } from './meetingTypes.ts';
import { scheduleMeetings } from './scheduleMeetings.ts';

/** The grid of an event from its participants, as the deadline makes it (pure). */
export function gridOf(
  event: MeetingEvent,
  participants: readonly MeetingParticipantItem[],
  expiresAt: number,
): { meetings: MeetingItem[]; schedule: MeetingSchedule } {
  const schedule = scheduleMeetings({
    grid: { slots: event.slots.length, tables: event.tables },
    participants: participants.map(({ id, side, availableSlots, wishes }) => ({
      id,
      side,
      availableSlots,
      wishes,
    })),
  });
  const meetings = schedule.meetings.map(
    (meeting, index): MeetingItem => ({
      ...meetingKey(event.id, meetingIdOf(index)),
      eventId: event.id,
      id: meetingIdOf(index),
      a: meeting.a,
      b: meeting.b,
      slot: meeting.slot,
      table: meeting.table,
      kind: meeting.kind,
      rankByA: meeting.rankByA,
      rankByB: meeting.rankByB,
      status: 'scheduled',
      version: 1,
      expiresAt,
    }),
  );
  return { meetings, schedule };
}
