/**
 * When the printed programme is closed: the campaign's `printedProgrammeDeadline`. Given as a
 * date (as the Studio asks), it ends at midnight in Paris at the end of that day; given with a
 * time, at that instant.
 */
import { parisDay, parisMidnight } from '../shared/french.ts';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The instant the programme closes, or null for a missing or unreadable deadline. */
export function deadlineInstant(deadline: string | null | undefined): Date | null {
  if (!deadline) return null;
  if (isoDay.test(deadline)) {
    const next = new Date(Date.parse(`${deadline}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return parisMidnight(next);
  }
  const instant = Date.parse(deadline);
  return Number.isNaN(instant) ? null : new Date(instant);
}

/** The day the programme was closed, as printed: the deadline's own day in Paris. */
export const closingDay = (deadline: string): string =>
  isoDay.test(deadline) ? deadline : parisDay(deadline);

/**
 * How long after its deadline the schedule still makes a campaign's programme by itself: long
 * enough to outlast any outage, short enough that a first deployment does not print every past
 * campaign. Later editions are asked for from the Studio.
 */
export const catchUpDays = 14;

/** Whether the schedule, at `now`, makes this campaign's programme: its deadline passed, lately. */
export function isDue(deadline: Date, now: Date): boolean {
  const elapsed = now.getTime() - deadline.getTime();
  return elapsed >= 0 && elapsed <= catchUpDays * 86_400_000;
}
