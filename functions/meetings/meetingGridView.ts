import type { MeetingEvent } from './meetingEvent.ts';
import type { MeetingItem, MeetingParticipantItem } from './meetingItems.ts';
import type { MeetingSide, WishKind } from './meetingTypes.ts';

/** A participant as the organiser's page shows them, with the slots they can attend (times). */
export interface GridParticipantView {
  readonly id: string;
  readonly side: MeetingSide;
  readonly name: string;
  readonly organisation: string;
  readonly availableSlots: readonly string[];
}

/** One meeting of the grid as the organiser's page shows it; times are Paris `HH:MM`, tables from 1. */
export interface GridMeetingView {
  readonly id: string;
  readonly time: string;
  readonly table: number;
  readonly status: 'scheduled' | 'cancelled';
  readonly kind: WishKind;
  readonly version: number;
  /** Side `a`'s participant, null when they left since (erased, withdrawn). */
  readonly a: { readonly id: string; readonly name: string; readonly organisation: string } | null;
  readonly b: { readonly id: string; readonly name: string; readonly organisation: string } | null;
}

/**
 * What `GET /meetings/{slug}/grid` answers the holder of the organiser's link: the event, the
 * meetings (by time then table, cancelled ones last, as the CSV), and every participant with the
 * slots they can attend, so that the page offers only the moves the grid's rules allow.
 */
export function meetingGridView(
  event: MeetingEvent,
  meetings: readonly MeetingItem[],
  participants: ReadonlyMap<string, MeetingParticipantItem>,
) {
  const person = (id: string) => {
    const participant = participants.get(id);
    return participant
      ? { id: participant.id, name: participant.name, organisation: participant.organisation }
      : null;
  };
  const ordered = [...meetings].sort(
    (x, y) =>
      Number(x.status === 'cancelled') - Number(y.status === 'cancelled') ||
      x.slot - y.slot ||
      x.table - y.table ||
      x.id.localeCompare(y.id),
  );
  return {
    event: {
      slug: event.slug,
      title: event.title,
      date: event.date,
      sides: { a: { label: event.sides.a.label }, b: { label: event.sides.b.label } },
      slots: event.slots.map(({ time, startsAt, endsAt }) => ({ time, startsAt, endsAt })),
      tables: event.tables,
    },
    meetings: ordered.flatMap((meeting): GridMeetingView[] => {
      const slot = event.slots[meeting.slot];
      if (!slot) return [];
      return [
        {
          id: meeting.id,
          time: slot.time,
          table: meeting.table + 1,
          status: meeting.status,
          kind: meeting.kind,
          version: meeting.version,
          a: person(meeting.a),
          b: person(meeting.b),
        },
      ];
    }),
    participants: [...participants.values()]
      .sort(
        (x, y) =>
          x.side.localeCompare(y.side) || x.name.localeCompare(y.name, 'fr') || x.id.localeCompare(y.id),
      )
      .map(
        (participant): GridParticipantView => ({
          id: participant.id,
          side: participant.side,
          name: participant.name,
          organisation: participant.organisation,
          availableSlots: participant.availableSlots.flatMap((index) => event.slots[index]?.time ?? []),
        }),
      ),
  };
}
