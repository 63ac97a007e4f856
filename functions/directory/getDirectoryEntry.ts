import { systemClock } from '../shared/clock.ts';
import { contentReadToken, queryContentLake } from '../shared/content/contentLakeQuery.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { entryOfLink } from './directoryContext.ts';
import { type DirectoryEntry, directoryDocumentId } from './directoryEntry.ts';
import { publishedDirectoryEntryQuery } from './queries.ts';

/** What the member's page shows and fills its form with: the entry as recorded, and where it stands. */
export function memberView(entry: DirectoryEntry, published: boolean) {
  return {
    id: directoryDocumentId(entry.id),
    status: entry.status,
    published,
    version: entry.version,
    email: entry.email,
    requestedAt: entry.requestedAt,
    confirmedAt: entry.confirmedAt ?? null,
    updatedAt: entry.updatedAt,
    keptUntil: new Date(entry.expiresAt * 1000).toISOString(),
    fields: { ...entry.profile, publicFields: entry.consent.publicFields },
  };
}

/** `GET /directory/entries/{token}`: the entry the member's signed link designates. Never cached. */
export const handler = httpHandler({}, async ({ event }) => {
  const entry = await entryOfLink(event.pathParameters?.token ?? '', systemClock.now());
  const published = await queryContentLake<unknown>(
    publishedDirectoryEntryQuery,
    { id: directoryDocumentId(entry.id) },
    await contentReadToken(),
  );
  return jsonResponse(200, memberView(entry, published !== null), { 'cache-control': 'no-store, private' });
});
