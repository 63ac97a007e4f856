import { defineQuery } from 'groq';

/**
 * The programme's GROQ queries. Their result types are generated from the Studio's schema by
 * `npm run typegen` (sanity typegen) into `shared/content/sanity.types.ts`, never written by hand.
 */

/**
 * Everything the programme's list, map counts, text search and calendars need of every published
 * event, with the regions and campaigns the filters name by code or slug: the programme snapshot
 * (`programmeSnapshot.ts`), read once per content change and filtered in memory.
 */
export const programmeSnapshotQuery = defineQuery(`{
  "regions": *[_type == "region"] { _id, code, name },
  "campaigns": *[_type == "campaign"] {
    _id,
    "slug": slug.current,
    title,
    startsOn,
    endsOn,
    submissionsOpenAt,
    submissionsCloseAt,
    printedProgrammeDeadline
  },
  "events": *[_type == "event"] {
    _id,
    _updatedAt,
    title,
    "slug": slug.current,
    summary,
    startsAt,
    endsAt,
    format,
    themes,
    openToAll,
    status,
    venue,
    onlineUrl,
    "campaignId": campaign._ref,
    "regionId": region._ref,
    "organizer": organizer->name,
    registration
  }
}`);

export const eventBySlugQuery = defineQuery(`*[_type == "event" && slug.current == $slug][0] {
  _id,
  _updatedAt,
  title,
  "slug": slug.current,
  summary,
  body,
  startsAt,
  endsAt,
  format,
  themes,
  openToAll,
  status,
  venue,
  onlineUrl,
  registration,
  accessibility,
  price,
  "image": image { alt, credit, "url": asset->url },
  "region": region->{ code, name, "cress": cress { name, website } },
  "organizer": organizer->{ name, legalStatus, website },
  "campaign": campaign->{ title, "slug": slug.current }
}`);
