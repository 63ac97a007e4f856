import { defineQuery } from 'groq';

/** The directory's GROQ queries, on the published perspective: what editors approved (and their decisions). */

/** The public fields of an entry (no document carries an address). */
const entryProjection = `{
  "id": _id,
  name,
  organization,
  role,
  regionCode,
  sectors,
  families,
  offers,
  offerDetails,
  needs,
  needDetails,
  links,
  showsEmail
}`;

/** Every published entry. */
export const publishedDirectoryEntriesQuery = defineQuery(`*[_type == "directoryEntry"] ${entryProjection}`);

/** One published entry by its public id. */
export const publishedDirectoryEntryQuery = defineQuery(
  `*[_type == "directoryEntry" && _id == $id][0] ${entryProjection}`,
);

/**
 * An editor's decision request (`directoryDecision`, published by the Studio's « Publier » and
 * « Refuser » of an entry): only says which entry to look at; the entry itself says what was decided.
 */
export const directoryDecisionRequestQuery = defineQuery(`*[_type == "directoryDecision" && _id == $id][0] {
  _id,
  "entryId": entry._ref,
  decision
}`);
