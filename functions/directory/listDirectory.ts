import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { translate } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import { decodeDirectoryCursor, directoryPage, directoryQuerySchema } from './directorySearch.ts';
import { publishedDirectoryEntriesQuery } from './queries.ts';

/**
 * `GET /directory`: the published entries, filtered (region, sector, family, what is offered or
 * sought), searched (accents and case ignored), by organisation, 24 at most a page, rate
 * limited per client. No address is ever listed: a public e-mail is shown one entry at a time
 * (`GET /directory/{id}`). Read from the Content Lake once per content revision (the webhook
 * carries `directoryEntry` documents), then from the warm function's cache.
 */
export const handler = httpHandler({ query: directoryQuerySchema }, async ({ query, event, language }) => {
  const now = systemClock.now();
  const after = query.cursor ? decodeDirectoryCursor(query.cursor) : null;
  if (query.cursor && !after)
    throw new ProblemError({
      status: 400,
      title: 'problem.validation.title',
      detail: 'problem.validation.detail',
      errors: [{ pointer: '#/query/cursor', detail: translate(language, 'programme.cursor.invalid') }],
    });
  await limitOrRefuse([await clientAllowance(event, 'directorySearches', now)], now);
  const { value: entries } = await readContent(publishedDirectoryEntriesQuery, {});
  const { limit, cursor: _cursor, ...filters } = query;
  return jsonResponse(200, directoryPage(entries, filters, after, limit), {
    'cache-control': 'public, max-age=60',
  });
});
