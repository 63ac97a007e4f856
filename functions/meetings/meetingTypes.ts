/**
 * Business meetings (rencontres d'affaires): two sides (for example buyers and ESS suppliers)
 * meet one to one at tables, in fixed time slots. These are the scheduler's inputs and outputs,
 * free of storage: slots and tables are indices from 0, the event's page turns them into times
 * and table numbers.
 */

export type MeetingSide = 'a' | 'b';

export interface MeetingParticipant {
  readonly id: string;
  readonly side: MeetingSide;
  /** Indices of the slots the participant can attend (0 is the first slot of the grid). */
  readonly availableSlots: readonly number[];
  /**
   * Ids of participants of the other side the participant wants to meet, most wanted first.
   * Unknown ids, ids of the participant's own side and repeats are ignored; ranks count the
   * wishes that are kept, from 1.
   */
  readonly wishes: readonly string[];
}

export interface MeetingGrid {
  /** Number of time slots (for example 9 slots of 20 minutes from 9:00 to 12:00). */
  readonly slots: number;
  /** Number of tables: at most this many meetings at once. */
  readonly tables: number;
}

export interface MeetingRequest {
  readonly grid: MeetingGrid;
  readonly participants: readonly MeetingParticipant[];
}

/** `mutual`: each of the two wished the other; `one-sided`: only one of them did. */
export type WishKind = 'mutual' | 'one-sided';

/** Two participants (one per side) at least one of whom wished to meet the other. */
export interface WishedPair {
  /** Id of the participant of side `a`. */
  readonly a: string;
  /** Id of the participant of side `b`. */
  readonly b: string;
  readonly kind: WishKind;
  /** Rank `a` gave `b` (1 is the most wanted), or null when `a` did not ask for `b`. */
  readonly rankByA: number | null;
  /** Rank `b` gave `a`, or null when `b` did not ask for `a`. */
  readonly rankByB: number | null;
}

export interface ScheduledMeeting extends WishedPair {
  readonly slot: number;
  readonly table: number;
}

export interface MeetingSchedule {
  /** By slot, then table. */
  readonly meetings: readonly ScheduledMeeting[];
  /** The wished pairs left without a meeting, mutual ones first, then by rank. */
  readonly unmet: readonly WishedPair[];
}
