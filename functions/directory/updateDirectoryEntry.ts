import { isDeepStrictEqual } from 'node:util';
import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { directoryStore, entryOfLink } from './directoryContext.ts';
import { confirmedExpiry, consentOf, type DirectoryEntry, profileOf } from './directoryEntry.ts';
import { directoryEntryEditSchema } from './directoryRequest.ts';

/**
 * `PUT /directory/entries/{token}`: the member's edit, the whole entry again with its consents.
 * It becomes the entry's next version; once confirmed, a worker writes it as a draft for the
 * editors, so a published version stays online until they publish the edit. The same content
 * again changes nothing. An entry takes `maxDirectoryVersions` versions at most.
 */
export const handler = httpHandler({ body: directoryEntryEditSchema }, async ({ body, event }) => {
  const now = systemClock.now();
  const entry = await entryOfLink(event.pathParameters?.token ?? '', now);
  const profile = profileOf(body);
  const consent = consentOf(body, now);
  const unchanged =
    isDeepStrictEqual(profile, entry.profile) &&
    isDeepStrictEqual([...consent.publicFields].sort(), [...entry.consent.publicFields].sort());
  if (unchanged) return jsonResponse(200, { status: entry.status, version: entry.version });
  const edited: DirectoryEntry = {
    ...entry,
    profile,
    consent,
    version: entry.version + 1,
    updatedAt: now.toISOString(),
    // A confirmed entry is kept three years from its last edit; a pending one still lapses.
    expiresAt: entry.status === 'confirmed' ? confirmedExpiry(now) : entry.expiresAt,
  };
  const outcome = await directoryStore.recordEdit(edited);
  if (outcome !== 'stored')
    throw new ProblemError({
      status: 409,
      title: 'problem.submissionConflict.title',
      detail: outcome === 'conflict' ? 'directory.conflict' : 'directory.tooManyEdits',
    });
  logger.info('Directory entry edited', { entryId: entry.id, version: edited.version });
  return jsonResponse(200, { status: edited.status, version: edited.version });
});
