import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { waitingListMoves } from './followEventChange.ts';
import { eventRegistrationQuery } from './queries.ts';

/**
 * The capacity of an event whose waiting list may move now, from its current content (read as
 * of the last recorded edit: a later edit may already have taken places back); null when it may
 * not (started, cancelled, postponed, gone).
 */
export async function movableWaitingList(eventId: string): Promise<{ capacity: number | null } | null> {
  const { value: event } = await readContent(eventRegistrationQuery, { id: eventId }, { revalidate: true });
  if (!waitingListMoves(event, systemClock.now())) return null;
  return { capacity: event?.registration?.capacity ?? null };
}
