import type { ContentChange } from '../contentChanges/contentChange.ts';
import type { RegistrableEvent } from '../programme/registrationState.ts';
import type { EventSnapshot } from './registration.ts';

const snapshotFields = ['title', 'slug', 'startsAt', 'endsAt', 'venue', 'onlineUrl', 'status'] as const;
/** Equal as stored content: absent and null alike, objects by value. */
export const sameValue = (left: unknown, right: unknown): boolean =>
  JSON.stringify(left ?? null) === JSON.stringify(right ?? null);

/**
 * The event as its registrations should now describe it, when an edit changed what they keep
 * of it (title, date, place, status): registrants are told the difference with what they knew,
 * and e-mails sent later and the manage page tell the truth.
 */
export function refreshedSnapshot(change: ContentChange): EventSnapshot | null {
  if (change.type !== 'event' || change.operation !== 'update' || !change.after) return null;
  const { before, after } = change;
  // Without `before` (found by the resync), the registrations compare with what they keep.
  if (before && snapshotFields.every((field) => sameValue(before[field], after[field]))) return null;
  if (!after.startsAt || !after.endsAt) return null;
  return {
    id: change.documentId,
    slug: after.slug ?? '',
    title: after.title ?? '',
    startsAt: after.startsAt,
    endsAt: after.endsAt,
    venue: after.venue ?? null,
    onlineUrl: after.onlineUrl ?? null,
    status: after.status ?? null,
  };
}

/**
 * Versions of an event's content, comparable as strings: its `_updatedAt`, normalised (Sanity
 * may or may not give milliseconds). Unknown versions sort first.
 */
export function contentVersion(updatedAt: string | null | undefined): string {
  const time = updatedAt ? Date.parse(updatedAt) : Number.NaN;
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/** Whether an edit gave the event more places (or made them unlimited): the waiting list may move. */
export function placesAdded(change: ContentChange): boolean {
  if (change.type !== 'event' || change.operation !== 'update') return false;
  // Found by the resync: what it was before is unknown, so the waiting list is checked (giving
  // places only while some are free, it does nothing when none were added).
  if (!change.before) return true;
  const before = change.before?.registration?.capacity ?? null;
  const after = change.after?.registration?.capacity ?? null;
  return before !== null && (after === null || after > before);
}

/**
 * Whether a freed place still goes to the next person waiting: not once the event has started,
 * nor while it is cancelled or postponed (nobody is promoted to an event that will not happen).
 */
export function waitingListMoves(event: RegistrableEvent | null, now: Date): boolean {
  if (!event || event.status === 'cancelled' || event.status === 'postponed') return false;
  return !event.startsAt || now.getTime() < Date.parse(event.startsAt);
}
