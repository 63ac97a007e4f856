import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { programmeFiltersSchema } from './programmeFilters.ts';
import { currentProgramme } from './programmeSnapshotReader.ts';

/**
 * `GET /regions`: every region with its number of events under the same filters as
 * `GET /events`, for the map of France; the counts add up to `GET /events`'s `total`.
 */
export const handler = httpHandler({ query: programmeFiltersSchema }, async ({ query, event }) => {
  const programme = await currentProgramme();
  const counts = new Map<string, number>();
  for (const { regionId } of programme.select(query, { exceptRegion: true }))
    if (regionId) counts.set(regionId, (counts.get(regionId) ?? 0) + 1);
  const wanted = query.region;
  const regions = [...programme.regions]
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'fr'))
    .map((region) => ({
      code: region.code,
      name: region.name,
      count: wanted === undefined || wanted === region.code ? (counts.get(region._id) ?? 0) : 0,
    }));
  return cacheableJson(event, regions);
});
