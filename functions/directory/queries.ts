import { defineQuery } from 'groq';

/** The directory's GROQ queries, on the published perspective: what editors approved. */

/** Every published entry, public fields only (no document carries an address). */
export const publishedDirectoryEntriesQuery = defineQuery(`*[_type == "directoryEntry"] {
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
}`);

/** One published entry by its public id. */
export const publishedDirectoryEntryQuery = defineQuery(`*[_type == "directoryEntry" && _id == $id][0] {
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
}`);
