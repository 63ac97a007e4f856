import { readContent } from '../../content/contentReader.ts';
import { eventSearchTextQuery, programmeReferencesQuery } from '../../content/queries.ts';
import { type ProgrammeFilters, programmeQueryParams } from '../../domain/programme/programmeFilters.ts';
import { searchEvents } from '../../domain/programme/textSearch.ts';

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

export const siteUrl = (env: NodeJS.ProcessEnv = process.env): string =>
  env.PUBLIC_SITE_URL ?? 'https://www.essaim.example';
