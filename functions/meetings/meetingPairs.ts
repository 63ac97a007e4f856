import type { MeetingGrid, MeetingRequest, MeetingSide, WishedPair } from './meetingTypes.ts';

/** A wished pair in index form: `a` and `b` index `PreparedMeetings.ids`. */
export interface CandidatePair {
  readonly a: number;
  readonly b: number;
  readonly mutual: boolean;
  readonly rankByA: number | null;
  readonly rankByB: number | null;
  /** Lower is more wanted: the rank for a one-sided wish, the sum of both ranks for a mutual one. */
  readonly rankScore: number;
  /** The slots both can attend, in order. */
  readonly slots: readonly number[];
}

/**
 * The request checked and indexed: participants sorted by id (so that the order of the input
 * never matters), pairs sorted by the ids of their `a` then `b` participant.
 */
export interface PreparedMeetings {
  readonly grid: MeetingGrid;
  readonly ids: readonly string[];
  readonly sides: readonly MeetingSide[];
  /** `available[participant][slot]` is 1 when the participant can attend the slot. */
  readonly available: readonly Uint8Array[];
  readonly pairs: readonly CandidatePair[];
  /** Pair index by `a * ids.length + b`. */
  readonly pairIndex: ReadonlyMap<number, number>;
  /** Participant index by id. */
  readonly indexOf: ReadonlyMap<string, number>;
}

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

function checkGrid(grid: MeetingGrid): void {
  for (const [name, value] of [
    ['slots', grid.slots],
    ['tables', grid.tables],
  ] as const)
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`The grid's ${name} must be a whole number, 0 or more (got ${value})`);
}

export function prepareMeetings(request: MeetingRequest): PreparedMeetings {
  const { grid } = request;
  checkGrid(grid);
  const participants = [...request.participants].sort((x, y) => byCodeUnits(x.id, y.id));
  const indexOf = new Map<string, number>();
  participants.forEach((participant, index) => {
    if (indexOf.has(participant.id)) throw new RangeError(`Participant ${participant.id} appears twice`);
    indexOf.set(participant.id, index);
  });
  const count = participants.length;
  const available = participants.map((participant) => {
    const slots = new Uint8Array(grid.slots);
    // Slots outside the grid are ignored.
    for (const slot of participant.availableSlots)
      if (Number.isInteger(slot) && slot >= 0 && slot < grid.slots) slots[slot] = 1;
    return slots;
  });
  // Ranks of kept wishes, by `a * count + b`.
  const ranksByA = new Map<number, number>();
  const ranksByB = new Map<number, number>();
  participants.forEach((participant, index) => {
    let rank = 0;
    const seen = new Set<number>();
    for (const wished of participant.wishes) {
      const other = indexOf.get(wished);
      if (other === undefined || seen.has(other) || participants[other]?.side === participant.side) continue;
      seen.add(other);
      rank += 1;
      if (participant.side === 'a') ranksByA.set(index * count + other, rank);
      else ranksByB.set(other * count + index, rank);
    }
  });
  const keys = [...new Set([...ranksByA.keys(), ...ranksByB.keys()])].sort((x, y) => x - y);
  const pairIndex = new Map<number, number>();
  const pairs = keys.map((key, index): CandidatePair => {
    pairIndex.set(key, index);
    const a = Math.floor(key / count);
    const b = key % count;
    const rankByA = ranksByA.get(key) ?? null;
    const rankByB = ranksByB.get(key) ?? null;
    const availableA = available[a] as Uint8Array;
    const availableB = available[b] as Uint8Array;
    const slots: number[] = [];
    for (let slot = 0; slot < grid.slots; slot++) if (availableA[slot] && availableB[slot]) slots.push(slot);
    return {
      a,
      b,
      mutual: rankByA !== null && rankByB !== null,
      rankByA,
      rankByB,
      rankScore: (rankByA ?? 0) + (rankByB ?? 0),
      slots,
    };
  });
  return {
    grid,
    ids: participants.map((participant) => participant.id),
    sides: participants.map((participant) => participant.side),
    available,
    pairs,
    pairIndex,
    indexOf,
  };
}

export function wishedPair(prepared: PreparedMeetings, pair: CandidatePair): WishedPair {
  return {
    a: prepared.ids[pair.a] as string,
    b: prepared.ids[pair.b] as string,
    kind: pair.mutual ? 'mutual' : 'one-sided',
    rankByA: pair.rankByA,
    rankByB: pair.rankByB,
  };
}

/** Mutual pairs first, then by rank score, then by ids (the pairs' order). */
export function byPriority(prepared: PreparedMeetings): number[] {
  const { pairs } = prepared;
  return pairs
    .map((_, index) => index)
    .sort((x, y) => {
      const p = pairs[x] as CandidatePair;
      const q = pairs[y] as CandidatePair;
      return Number(q.mutual) - Number(p.mutual) || p.rankScore - q.rankScore || x - y;
    });
}
