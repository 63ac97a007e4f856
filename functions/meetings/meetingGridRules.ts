/**
 * The grid's rules, free of storage and of Node: the organiser's route checks a move with them,
 * and the grid's page (`<essaim-meeting-grid>`, in the browser bundle) offers only the moves they
 * allow. Slots and tables are indices from 0.
 */

/** What the rules read of a meeting. */
export interface GridMeeting {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly slot: number;
  readonly table: number;
  readonly status: 'scheduled' | 'cancelled';
}

/** What the rules read of a participant: their name (for the refusal) and the slots they can attend. */
export interface GridParticipant {
  readonly name: string;
  readonly availableSlots: readonly number[];
}

/** Why a meeting cannot go to a slot and table, or null when it can. */
export type MoveRefusal =
  | { readonly reason: 'tableUnknown' }
  | { readonly reason: 'unavailable'; readonly who: string }
  | { readonly reason: 'busy'; readonly who: string }
  | { readonly reason: 'tableTaken' };

/**
 * Whether a meeting may move to `slot` at `table` (from 0) in the grid as it stands: the table
 * exists and is free then, both participants can attend and have no other meeting then. The
 * invariants the scheduler keeps, kept by the organiser's changes too. A participant who left
 * (erased, withdrawn) has no availability to check, only their other meetings.
 */
export function moveRefusal(
  event: { readonly tables: number },
  meeting: Pick<GridMeeting, 'id' | 'a' | 'b'>,
  target: { slot: number; table: number },
  grid: readonly GridMeeting[],
  participants: ReadonlyMap<string, GridParticipant>,
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

/**
 * Every slot and table (from 0) a meeting may move to within the rules, by slot then table; its
 * own place is not a move.
 */
export function allowedMoves(
  event: { readonly tables: number; readonly slots: number },
  meeting: GridMeeting,
  grid: readonly GridMeeting[],
  participants: ReadonlyMap<string, GridParticipant>,
): { slot: number; table: number }[] {
  const moves: { slot: number; table: number }[] = [];
  for (let slot = 0; slot < event.slots; slot++)
    for (let table = 0; table < event.tables; table++)
      if (
        !(slot === meeting.slot && table === meeting.table) &&
        moveRefusal(event, meeting, { slot, table }, grid, participants) === null
      )
        moves.push({ slot, table });
  return moves;
}
