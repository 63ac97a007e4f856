import { readContent } from '../../content/contentReader.ts';
import { programmeReferencesQuery } from '../../content/queries.ts';
import { type ProgrammeFilters, programmeQueryParams } from '../../domain/programme/programmeFilters.ts';

/** The GROQ parameters of the programme filters, codes and slugs resolved to document ids. */
export async function programmeParams(filters: ProgrammeFilters) {
  const { value: references } = await readContent(programmeReferencesQuery, {});
  return programmeQueryParams(filters, references);
}

export const siteUrl = (env: NodeJS.ProcessEnv = process.env): string =>
  env.PUBLIC_SITE_URL ?? 'https://www.essaim.example';
