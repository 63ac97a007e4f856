import { augmentSlots } from './augmentingPaths.ts';
import { MeetingGridState } from './meetingGridState.ts';
import {
  byPriority,
  type CandidatePair,
  type PreparedMeetings,
  prepareMeetings,
  wishedPair,
} from './meetingPairs.ts';
import type { MeetingRequest, MeetingSchedule, ScheduledMeeting } from './meetingTypes.ts';

/** How far the placing phases move meetings to make room (chains of moves, see `tryPlace`). */
const phaseDepth = 2;
/** The same, in the improvement passes, which try every unmet pair again on each round. */
const passDepth = 1;

/**
 * The one-to-one meetings of a business-meeting event, assigned to slots and tables.
 *
 * Always: nobody has two meetings at once; a meeting is in a slot both participants can attend;
 * a slot has no more meetings than tables; a pair meets at most once, and only if one of the two
 * wished it. Then, in order of importance: mutual wishes before one-sided ones, the meetings
 * spread between participants, one-sided wishes by rank. Deterministic: the same request gives the
 * same schedule, whatever the order of its participants (ties are broken by ids).
 *
 * 1. Mutual pairs, then one-sided pairs, are placed from a queue ordered by the fewest meetings
 *    either participant has so far, then the other's, then rank. A pair that fits nowhere is
 *    given room by moving meetings already placed to other slots (chains of up to two moves,
 *    swaps included), never by dropping one. Then augmenting paths within each slot re-pair
 *    participants so that more mutual pairs meet (`augmentSlots`).
 * 2. Improvement passes, until none changes anything: an unmet mutual pair takes the place of
 *    one-sided meetings; augmenting paths, for mutual pairs then for any; every unmet pair is tried
 *    again; a meeting goes from a participant with more meetings to one with at least two fewer
 *    (mutual for mutual, one-sided for one-sided). Each change raises (mutual meetings, meetings,
 *    −Σ meetings²) lexicographically, so the passes end.
 */
export function scheduleMeetings(request: MeetingRequest): MeetingSchedule {
  const prepared = prepareMeetings(request);
  const state = new MeetingGridState(prepared);
  const { pairs } = prepared;
  const indices = pairs.map((_, index) => index);
  placeFromQueue(
    state,
    indices.filter((index) => pairs[index]?.mutual),
  );
  while (augmentSlots(state, true, passDepth));
  placeFromQueue(
    state,
    indices.filter((index) => !pairs[index]?.mutual),
  );
  const priority = byPriority(prepared);
  let changed = true;
  while (changed) {
    changed = upgradeMutualPairs(state, priority);
    changed = augmentSlots(state, true, passDepth) || changed;
    changed = fillUnmetPairs(state, priority) || changed;
    changed = augmentSlots(state, false, passDepth) || changed;
    changed = rebalance(state, priority) || changed;
  }
  return toSchedule(prepared, state, priority);
}

/** Lexicographic order of queue keys. */
function before(x: readonly number[], y: readonly number[]): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number);
  return false;
}

interface Entry {
  readonly key: number[];
  readonly pair: number;
}

/** A binary heap of pairs by key. */
class Queue {
  private readonly items: Entry[] = [];
  get size(): number {
    return this.items.length;
  }
  push(key: number[], pair: number): void {
    this.items.push({ key, pair });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): Entry {
    const top = this.at(0);
    const last = this.items.pop() as Entry;
    if (this.items.length === 0) return top;
    this.items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      let least = i;
      if (left < this.items.length && this.less(left, least)) least = left;
      if (left + 1 < this.items.length && this.less(left + 1, least)) least = left + 1;
      if (least === i) return top;
      this.swap(i, least);
      i = least;
    }
  }
  private at(i: number): Entry {
    return this.items[i] as Entry;
  }
  private less(i: number, j: number): boolean {
    return before(this.at(i).key, this.at(j).key);
  }
  private swap(i: number, j: number): void {
    const item = this.at(i);
    this.items[i] = this.at(j);
    this.items[j] = item;
  }
}

/**
 * Places pairs, those whose less served participant has the fewest meetings first. Meetings
 * only grow during the phase, so a key can only get worse: a popped pair whose key changed goes
 * back in the queue with its new key.
 */
function placeFromQueue(state: MeetingGridState, indices: readonly number[]): void {
  const { pairs } = state.prepared;
  const keyOf = (index: number): number[] => {
    const { a, b, rankScore } = pairs[index] as CandidatePair;
    const countA = state.count[a] as number;
    const countB = state.count[b] as number;
    return [Math.min(countA, countB), Math.max(countA, countB), rankScore, index];
  };
  const queue = new Queue();
  for (const index of indices) queue.push(keyOf(index), index);
  while (queue.size > 0) {
    const { key, pair } = queue.pop();
    const current = keyOf(pair);
    if (before(key, current)) queue.push(current, pair);
    else state.tryPlace(pair, phaseDepth);
    state.commit();
  }
}

/** Tries every unmet pair again, moving meetings to make room. */
function fillUnmetPairs(state: MeetingGridState, priority: readonly number[]): boolean {
  let changed = false;
  for (const pair of priority) if (!state.isMet(pair) && state.tryPlace(pair, passDepth)) changed = true;
  state.commit();
  return changed;
}

/**
 * An unmet mutual pair takes a slot where only one-sided meetings stand in its way: its two
 * participants' meetings then, or one meeting of a full slot. The meetings it displaces are
 * tried elsewhere.
 */
function upgradeMutualPairs(state: MeetingGridState, priority: readonly number[]): boolean {
  const { pairs } = state.prepared;
  const mutual = (pair: number) => (pairs[pair] as CandidatePair).mutual;
  let changed = false;
  for (const pair of priority) {
    if (!mutual(pair) || state.isMet(pair)) continue;
    if (state.tryPlace(pair, passDepth)) {
      changed = true;
      continue;
    }
    const { a, b, slots } = pairs[pair] as CandidatePair;
    let best: { slot: number; displaced: number[] } | null = null;
    for (const slot of slots) {
      const blockers = [state.meetingAt(a, slot), state.meetingAt(b, slot)].filter((other) => other >= 0);
      if (blockers.some(mutual)) continue;
      const displaced = blockers.length > 0 ? blockers : mostServedMeeting(state, slot, false);
      if (displaced.length > 0 && (best === null || displaced.length < best.displaced.length))
        best = { slot, displaced };
    }
    if (best === null) continue;
    for (const other of best.displaced) state.remove(other);
    state.place(pair, best.slot);
    for (const other of best.displaced) state.tryPlace(other, passDepth);
    changed = true;
  }
  state.commit();
  return changed;
}

/**
 * The meeting of the slot, of the kind asked, whose participants have the most meetings between
 * them (at least `atLeast`), as a list of 0 or 1.
 */
function mostServedMeeting(state: MeetingGridState, slot: number, mutual: boolean, atLeast = 0): number[] {
  const { pairs } = state.prepared;
  let best = -1;
  let bestSum = atLeast - 1;
  for (const other of state.inSlot[slot] as Set<number>) {
    const pair = pairs[other] as CandidatePair;
    if (pair.mutual !== mutual) continue;
    const { a, b } = pair;
    const sum = (state.count[a] as number) + (state.count[b] as number);
    if (sum > bestSum || (sum === bestSum && other < best)) {
      best = other;
      bestSum = sum;
    }
  }
  return best >= 0 ? [best] : [];
}

/**
 * Spreads meetings, a mutual one for a mutual one, a one-sided one for a one-sided one: an unmet
 * pair (x, y) takes the slot of y's meeting with r when r has at least two meetings more than x,
 * or the place of a meeting (u, v) of a full slot where both are free when u and v have at least
 * three more between them. Each swap lowers the sum of the squares of the meetings per participant.
 */
function rebalance(state: MeetingGridState, priority: readonly number[]): boolean {
  const { pairs } = state.prepared;
  const { count } = state;
  let changed = false;
  for (const pair of priority) {
    const candidate = pairs[pair] as CandidatePair;
    if (state.isMet(pair)) continue;
    swap: for (const slot of candidate.slots)
      for (const [x, y] of [
        [candidate.a, candidate.b],
        [candidate.b, candidate.a],
      ] as const) {
        if (state.meetingAt(x, slot) >= 0) continue;
        const other = state.meetingAt(y, slot);
        let displaced: number[] = [];
        if (other >= 0) {
          const { a, b, mutual } = pairs[other] as CandidatePair;
          const r = a === y ? b : a;
          if (mutual === candidate.mutual && (count[r] as number) >= (count[x] as number) + 2)
            displaced = [other];
        } else if (state.isFull(slot))
          displaced = mostServedMeeting(
            state,
            slot,
            candidate.mutual,
            (count[x] as number) + (count[y] as number) + 3,
          );
        if (displaced.length === 0) continue;
        for (const removed of displaced) state.remove(removed);
        state.place(pair, slot);
        for (const removed of displaced) state.tryPlace(removed, passDepth);
        changed = true;
        break swap;
      }
  }
  state.commit();
  return changed;
}

/**
 * The schedule, tables numbered within each slot: a participant of side `a` keeps the table
 * they had in the previous slot when it is free (buyers need not move), others get the lowest
 * free one.
 */
function toSchedule(
  prepared: PreparedMeetings,
  state: MeetingGridState,
  priority: readonly number[],
): MeetingSchedule {
  const { pairs } = prepared;
  const lastTable = new Map<number, number>();
  const meetings: ScheduledMeeting[] = [];
  for (let slot = 0; slot < prepared.grid.slots; slot++) {
    const inSlot = [...(state.inSlot[slot] as Set<number>)].sort((x, y) => x - y);
    const tableOf = new Map<number, number>();
    const taken = new Set<number>();
    for (const pair of inSlot) {
      const table = lastTable.get((pairs[pair] as CandidatePair).a);
      if (table !== undefined && !taken.has(table)) {
        tableOf.set(pair, table);
        taken.add(table);
      }
    }
    let free = 0;
    for (const pair of inSlot) {
      if (tableOf.has(pair)) continue;
      while (taken.has(free)) free++;
      tableOf.set(pair, free);
      taken.add(free);
    }
    for (const pair of inSlot) {
      const table = tableOf.get(pair) as number;
      lastTable.set((pairs[pair] as CandidatePair).a, table);
      meetings.push({ ...wishedPair(prepared, pairs[pair] as CandidatePair), slot, table });
    }
  }
  meetings.sort((x, y) => x.slot - y.slot || x.table - y.table);
  const unmet = priority
    .filter((pair) => !state.isMet(pair))
    .map((pair) => wishedPair(prepared, pairs[pair] as CandidatePair));
  return { meetings, unmet };
}
