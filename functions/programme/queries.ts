import { defineQuery } from 'groq';

/**
 * The programme's GROQ queries. Their result types are generated from the Studio's schema by
 * `npm run typegen` (sanity typegen) into `shared/content/sanity.types.ts`, never written by hand.
 *
 * Filters take `null` for "any". References are compared by id (`region._ref == $regionId`):
 * dereferencing every event in a filter would cost a lookup per document. A text search is
 * resolved to event ids first (`$ids`).
 */

/** The programme filters but the region (the map counts every region under the others). */
const programmeFilterExceptRegion = `_type == "event"
    && (!defined($campaignId) || campaign._ref == $campaignId)
    && (!defined($format) || format == $format)
    && (!defined($theme) || $theme in themes)
    && (!defined($from) || startsAt >= $from)
    && (!defined($to) || startsAt < $to)
    && (!defined($openToAll) || openToAll == $openToAll)
    && (!defined($ids) || _id in $ids)`;

/** The filters `GET /events`, `GET /regions` and `GET /events.ics` share. */
const programmeFilter = `${programmeFilterExceptRegion}
    && (!defined($regionId) || region._ref == $regionId)`;

export const programmeQuery = defineQuery(`{
  "total": count(*[${programmeFilter}]),
  "items": *[${programmeFilter}
    && (!defined($afterStartsAt) || startsAt > $afterStartsAt || (startsAt == $afterStartsAt && _id > $afterId))
  ] | order(startsAt asc, _id asc) [0...$limit] {
    _id,
    title,
    "slug": slug.current,
    summary,
    startsAt,
    endsAt,
    format,
    themes,
    openToAll,
    status,
    "city": venue.city,
    "online": defined(onlineUrl) && !defined(venue),
    "regionId": region._ref,
    registration
  }
}`);

/** Region of each matching event, for the counts of the map. */
export const programmeRegionsQuery = defineQuery(`{
  "regions": *[_type == "region"] { _id, code, name },
  "eventRegionIds": *[${programmeFilterExceptRegion}
  ].region._ref
}`);

/**
 * The words visitors search in (title, summary, town), for an accent-insensitive search done
 * in code: GROQ's `match` does not fold accents ("epargne" would not find "épargne").
 */
export const eventSearchTextQuery = defineQuery(
  `*[_type == "event"] { _id, title, summary, "city": venue.city }`,
);

/** What the filters refer to by code or slug. */
export const programmeReferencesQuery = defineQuery(`{
  "regions": *[_type == "region"] { _id, code, name },
  "campaigns": *[_type == "campaign"] { _id, "slug": slug.current }
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

/** Events for a calendar file: the same filters as the programme, without paging. */
export const calendarEventsQuery = defineQuery(`*[${programmeFilter}
  ] | order(startsAt asc, _id asc) {
    _id,
    _updatedAt,
    title,
    "slug": slug.current,
    summary,
    startsAt,
    endsAt,
    status,
    venue,
    onlineUrl,
    "organizer": organizer->name
  }`);
