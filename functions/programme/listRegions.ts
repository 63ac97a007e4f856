import { readContent } from '../shared/content/contentReader.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { programmeParams } from './programmeContext.ts';
import { programmeFiltersSchema } from './programmeFilters.ts';
import { programmeRegionsQuery } from './queries.ts';

/**
 * `GET /regions`: every region with its number of events under the same filters as
 * `GET /events`, for the map of France; the counts add up to `GET /events`'s `total`.
 */
export const handler = httpHandler({ query: programmeFiltersSchema }, async ({ query, event }) => {
  const {
    params: { regionId, ...params },
  } = await programmeParams(query);
  const { value } = await readContent(programmeRegionsQuery, params);
  const counts = new Map<string, number>();
  for (const id of value.eventRegionIds) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  const regions = [...value.regions]
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'fr'))
    .map((region) => ({
      code: region.code,
      name: region.name,
      count: regionId === null || regionId === region._id ? (counts.get(region._id) ?? 0) : 0,
    }));
  return cacheableJson(event, regions);
});
