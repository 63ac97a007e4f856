import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { confirmedCounts } from './eventCounters.ts';
import { type ProgrammeFilters, programmeQueryParams } from './programmeFilters.ts';
import { eventSearchTextQuery, programmeReferencesQuery } from './queries.ts';
import { searchEvents } from './textSearch.ts';

/** The GROQ parameters of the programme filters: codes and slugs resolved to ids, text search to event ids. */
export async function programmeParams(filters: ProgrammeFilters) {
  const [{ value: references }, matchingIds] = await Promise.all([
    readContent(programmeReferencesQuery, {}),
    filters.q
      ? readContent(eventSearchTextQuery, {}).then(({ value }) => searchEvents(value, filters.q))
      : null,
  ]);
  return { params: programmeQueryParams(filters, references, matchingIds), references };
}

/** Confirmed registrations of these events (their places left), from the Registrations table. */
export const confirmedCountsOf = (eventIds: readonly string[]): Promise<Map<string, number>> =>
  confirmedCounts(dynamoDbDocumentClient(), tableNameOf('registrations'), eventIds);
