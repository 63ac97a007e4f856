import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import { directoryStore, unknownDirectoryEntry } from './directoryContext.ts';
import { entryIdOfDocument, publicEmailOf } from './directoryEntry.ts';
import { type ListedEntry, listedView } from './directorySearch.ts';
import { publishedDirectoryEntryQuery } from './queries.ts';

/** A public id: a Content Lake document id, never a draft's. */
export const isPublicEntryId = (id: string): boolean => /^[A-Za-z0-9][\w-]{0,99}$/.test(id);

/** The published entry of a public id, or a `404`. */
export async function publishedEntry(id: string): Promise<ListedEntry> {
  const entry: ListedEntry | null = isPublicEntryId(id)
    ? (await readContent(publishedDirectoryEntryQuery, { id })).value
    : null;
  if (!entry) throw unknownDirectoryEntry(id);
  return entry;
}

/**
 * `GET /directory/{id}`: one published entry, with its public e-mail when its member made it
 * public (read from the table: no address is in the Content Lake). Counted per client more
 * strictly than searches: addresses are read one at a time, and not many an hour. A member's
 * entry whose item was deleted is gone (`404`) at once, whatever the caches still hold.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const now = systemClock.now();
  await limitOrRefuse([await clientAllowance(event, 'directoryProfiles', now)], now);
  const id = event.pathParameters?.id ?? '';
  const entry = await publishedEntry(id);
  const memberEntryId = entryIdOfDocument(id);
  const member = memberEntryId ? await directoryStore.get(memberEntryId) : undefined;
  // A member's deletion is immediate: its item is gone before the Content Lake's documents and
  // before the webhook empties the warm caches, so the table has the last word.
  if (memberEntryId && !member) throw unknownDirectoryEntry(id);
  const publicEmail = entry.showsEmail && member?.status === 'confirmed' ? publicEmailOf(member) : null;
  return jsonResponse(
    200,
    { ...listedView(entry), publicEmail, canBeContacted: member?.status === 'confirmed' },
    { 'cache-control': 'no-store' },
  );
});
