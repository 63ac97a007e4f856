import { type MeetingItem, meetingPartition } from './meetingItems.ts';

/**
 * The places a scheduled meeting holds in its grid, one item each in the `BusinessMeetings`
 * table (`PLACE#<slot>#T<table>`, `PLACE#<slot>#P<participant id>`, naming their `holder`): two
 * writes that both want the same table or participant at the same time cannot both create it,
 * so DynamoDB's conditional transactions keep the grid's invariants under concurrent changes.
 */
export interface PlaceKey {
  readonly pk: string;
  readonly sk: string;
}

export interface PlaceItem extends PlaceKey {
  readonly eventId: string;
  /** The meeting holding the place. */
  readonly holder: string;
  readonly expiresAt: number;
}

export type PlaceKind = 'table' | 'participant';

const slotPart = (slot: number) => String(slot).padStart(3, '0');

export const tablePlaceKey = (eventId: string, slot: number, table: number): PlaceKey => ({
  pk: meetingPartition(eventId),
  sk: `PLACE#${slotPart(slot)}#T${table}`,
});

export const participantPlaceKey = (eventId: string, slot: number, participantId: string): PlaceKey => ({
  pk: meetingPartition(eventId),
  sk: `PLACE#${slotPart(slot)}#P${participantId}`,
});

export const placeKindOf = (key: PlaceKey): PlaceKind => (key.sk.includes('#T') ? 'table' : 'participant');

type Placed = Pick<MeetingItem, 'eventId' | 'a' | 'b'> & { readonly slot: number; readonly table: number };

/** The three places of a meeting at a slot and table: the table, and each of its two participants. */
export const placesOf = (meeting: Placed): PlaceKey[] => [
  tablePlaceKey(meeting.eventId, meeting.slot, meeting.table),
  participantPlaceKey(meeting.eventId, meeting.slot, meeting.a),
  participantPlaceKey(meeting.eventId, meeting.slot, meeting.b),
];

/** The place items of a grid as the deadline stores it (its scheduled meetings only). */
export const placeItemsOf = (meetings: readonly MeetingItem[]): PlaceItem[] =>
  meetings
    .filter((meeting) => meeting.status === 'scheduled')
    .flatMap((meeting) =>
      placesOf(meeting).map((key) => ({
        ...key,
        eventId: meeting.eventId,
        holder: meeting.id,
        expiresAt: meeting.expiresAt,
      })),
    );

/**
 * Cancelled meetings of the grid that may still hold `key`: a cancellation made outside the
 * organiser's route (the personal-data erasure) leaves its places behind. A cancelled meeting
 * never comes back, so a move may take a place over from one of them.
 */
export function staleHolders(key: PlaceKey, grid: readonly MeetingItem[]): string[] {
  return grid
    .filter(
      (meeting) => meeting.status === 'cancelled' && placesOf(meeting).some((place) => place.sk === key.sk),
    )
    .map((meeting) => meeting.id);
}

/** What a change does to a meeting's places: the ones it takes and the ones it gives back. */
export function placeChanges(
  meeting: MeetingItem,
  change: { slot: number; table: number } | 'cancelled',
): { take: PlaceKey[]; release: PlaceKey[] } {
  const before = placesOf(meeting);
  const after = change === 'cancelled' ? [] : placesOf({ ...meeting, ...change });
  const has = (list: readonly PlaceKey[], key: PlaceKey) => list.some((other) => other.sk === key.sk);
  return {
    take: after.filter((key) => !has(before, key)),
    release: before.filter((key) => !has(after, key)),
  };
}
