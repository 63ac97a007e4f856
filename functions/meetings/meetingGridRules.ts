import type { MeetingEvent } from './meetingEvent.ts';
import type { MeetingItem, MeetingParticipantItem } from './meetingItems.ts';

/** Why a meeting cannot go to a slot and table, or null when it can. */
export type MoveRefusal =
  | { readonly reason: 'tableUnknown' }
  | { readonly reason: 'unavailable'; readonly who: string }
  | { readonly reason: 'busy'; readonly who: string }
  | { readonly reason: 'tableTaken' };

/**
 * Whether a meeting may move to `slot` at `table` (from 0) in the grid as it stands: the table
 * exists and is free then, both participants can attend and have no other meeting then. The
 * invariants the scheduler keeps, kept by the organiser's changes too.
 */
export function moveRefusal(
  event: MeetingEvent,
  meeting: MeetingItem,
  target: { slot: number; table: number },
  grid: readonly MeetingItem[],
  participants: ReadonlyMap<string, MeetingParticipantItem>,
): MoveRefusal | null {
  if (target.table < 0 || target.table >= event.tables) return { reason: 'tableUnknown' };
  const others = grid.filter(
    (other) => other.id !== meeting.id && other.status === 'scheduled' && other.slot === target.slot,
  );
  for (const id of [meeting.a, meeting.b]) {
    const participant = participants.get(id);
    if (participant && !participant.availableSlots.includes(target.slot))
      return { reason: 'unavailable', who: participant.name };
    if (others.some((other) => other.a === id || other.b === id))
      return { reason: 'busy', who: participant?.name ?? id };
  }
  if (others.some((other) => other.table === target.table)) return { reason: 'tableTaken' };
  return null;
}
