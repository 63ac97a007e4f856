import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { translate } from '../shared/messages.ts';
import { directoryStore, entryOfLink, invalidDirectoryLink } from './directoryContext.ts';
import { confirmedExpiry } from './directoryEntry.ts';

/**
 * `POST /directory/entries/{token}/confirmation`: the member's click on « Confirmer » (the
 * entry's page posts it; opening the link confirms nothing). The pending entry becomes
 * confirmed and is kept `retentionDays`; a stream worker then writes it for the editors.
 * Harmless twice.
 */
export const handler = httpHandler({}, async ({ event, language }) => {
  const now = systemClock.now();
  const entry = await entryOfLink(event.pathParameters?.token ?? '', now);
  const outcome = await directoryStore.confirm(entry, now, confirmedExpiry(now));
  if (outcome === 'gone') throw invalidDirectoryLink();
  logger.info('Directory entry confirmed', { entryId: entry.id, outcome });
  return jsonResponse(200, { status: 'confirmed', message: translate(language, 'directory.confirmed') });
});
