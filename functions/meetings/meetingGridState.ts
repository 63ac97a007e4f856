import type { PreparedMeetings } from './meetingPairs.ts';

const none = -1;

/**
 * The grid being filled: which pair meets in which slot, who is busy when, how many tables each
 * slot uses. Every change is journaled so that a search that fails can be undone, and the search
 * itself (`tryPlace`) only ever moves meetings already placed to other slots: it never drops one.
 */
export class MeetingGridState {
  readonly prepared: PreparedMeetings;
  /** Slot of each pair, or -1 while it has no meeting. */
  readonly slotOf: Int32Array;
  /** Meetings per participant. */
  readonly count: Int32Array;
  /** Meetings per slot. */
  readonly load: Int32Array;
  /** Meetings in all. */
  private placed = 0;
  /** The pairs meeting in each slot. */
  readonly inSlot: Set<number>[];
  /** `busy[participant * slots + slot]`: the pair the participant meets then, or -1. */
  private readonly busy: Int32Array;
  private readonly slots: number;
  private readonly tables: number;
  /** Undo log: pair, then the slot it had before the change. */
  private readonly journal: number[] = [];

  constructor(prepared: PreparedMeetings) {
    this.prepared = prepared;
    this.slots = prepared.grid.slots;
    this.tables = prepared.grid.tables;
    this.slotOf = new Int32Array(prepared.pairs.length).fill(none);
    this.count = new Int32Array(prepared.ids.length);
    this.load = new Int32Array(this.slots);
    this.inSlot = Array.from({ length: this.slots }, () => new Set<number>());
    this.busy = new Int32Array(prepared.ids.length * this.slots).fill(none);
  }

  /** The pair the participant meets in the slot, or -1. */
  meetingAt(participant: number, slot: number): number {
    return this.busy[participant * this.slots + slot] as number;
  }

  isMet(pair: number): boolean {
    return (this.slotOf[pair] as number) !== none;
  }

  /** Whether the pair could meet in the slot as the grid is: both free, a table free. */
  fits(pair: number, slot: number): boolean {
    const { a, b } = this.pair(pair);
    return (
      (this.load[slot] as number) < this.tables &&
      this.meetingAt(a, slot) === none &&
      this.meetingAt(b, slot) === none
    );
  }

  isFull(slot: number): boolean {
    return (this.load[slot] as number) >= this.tables;
  }

  place(pair: number, slot: number): void {
    this.set(pair, slot);
    this.journal.push(pair, none);
  }

  remove(pair: number): void {
    const slot = this.slotOf[pair] as number;
    this.unset(pair);
    this.journal.push(pair, slot);
  }

  mark(): number {
    return this.journal.length;
  }

  /** Undoes every change made since `mark`. */
  rollback(mark: number): void {
    while (this.journal.length > mark) {
      const previous = this.journal.pop() as number;
      const pair = this.journal.pop() as number;
      if ((this.slotOf[pair] as number) !== none) this.unset(pair);
      if (previous !== none) this.set(pair, previous);
    }
  }

  /** Forgets the undo log (after a search succeeded for good). */
  commit(): void {
    this.journal.length = 0;
  }

  /**
   * Places the pair, in a slot where it fits as the grid is or, with `depth` above 0, in a slot
   * made free by moving other meetings elsewhere (each of those moved with `depth - 1`).
   */
  tryPlace(pair: number, depth: number): boolean {
    const direct = this.roomiestSlot(pair, []);
    if (direct !== none) {
      this.place(pair, direct);
      return true;
    }
    // Moves only swap meetings between slots: with every table taken, nothing can make room.
    if (depth <= 0 || this.placed >= this.slots * this.tables) return false;
    for (const slot of this.pair(pair).slots) {
      const mark = this.mark();
      if (this.clear(pair, slot, depth, [slot])) {
        this.place(pair, slot);
        return true;
      }
      this.rollback(mark);
    }
    return false;
  }

  /** Among the pair's slots where it fits and that are not locked, the one with most free tables. */
  private roomiestSlot(pair: number, locked: readonly number[]): number {
    let best = none;
    for (const slot of this.pair(pair).slots)
      if (
        !locked.includes(slot) &&
        this.fits(pair, slot) &&
        (best === none || this.loadOf(slot) < this.loadOf(best))
      )
        best = slot;
    return best;
  }

  /** Frees both participants of the pair and a table in the slot, moving meetings out of it. */
  private clear(pair: number, slot: number, depth: number, locked: readonly number[]): boolean {
    const { a, b } = this.pair(pair);
    for (const participant of [a, b]) {
      const other = this.meetingAt(participant, slot);
      if (other !== none && !this.relocate(other, depth - 1, locked)) return false;
    }
    if (!this.isFull(slot)) return true;
    // A table: one meeting of the slot moved to a slot with room as it is (deeper chains only
    // shuffle full slots).
    for (const other of [...(this.inSlot[slot] as Set<number>)])
      if (this.relocate(other, 0, locked)) return true;
    return false;
  }

  /**
   * Moves a placed meeting to another slot (the locked ones excluded). The meeting leaves its slot
   * while room is made elsewhere, so that a chain may move another meeting into it (two meetings
   * sharing a participant swap slots).
   */
  private relocate(pair: number, depth: number, locked: readonly number[]): boolean {
    const direct = this.roomiestSlot(pair, locked);
    if (direct !== none) {
      this.remove(pair);
      this.place(pair, direct);
      return true;
    }
    if (depth <= 0) return false;
    const from = this.slotOf[pair] as number;
    const mark = this.mark();
    this.remove(pair);
    for (const slot of this.pair(pair).slots) {
      if (slot === from || locked.includes(slot)) continue;
      const attempt = this.mark();
      if (this.clear(pair, slot, depth, [...locked, slot])) {
        this.place(pair, slot);
        return true;
      }
      this.rollback(attempt);
    }
    this.rollback(mark);
    return false;
  }

  private loadOf(slot: number): number {
    return this.load[slot] as number;
  }

  private pair(pair: number) {
    return this.prepared.pairs[pair] as PreparedMeetings['pairs'][number];
  }

  private set(pair: number, slot: number): void {
    const { a, b } = this.pair(pair);
    this.slotOf[pair] = slot;
    this.placed += 1;
    this.busy[a * this.slots + slot] = pair;
    this.busy[b * this.slots + slot] = pair;
    this.load[slot] = (this.load[slot] as number) + 1;
    this.count[a] = (this.count[a] as number) + 1;
    this.count[b] = (this.count[b] as number) + 1;
    this.inSlot[slot]?.add(pair);
  }

  private unset(pair: number): void {
    const slot = this.slotOf[pair] as number;
    const { a, b } = this.pair(pair);
    this.slotOf[pair] = none;
    this.placed -= 1;
    this.busy[a * this.slots + slot] = none;
    this.busy[b * this.slots + slot] = none;
    this.load[slot] = (this.load[slot] as number) - 1;
    this.count[a] = (this.count[a] as number) - 1;
    this.count[b] = (this.count[b] as number) - 1;
    this.inSlot[slot]?.delete(pair);
  }
}
