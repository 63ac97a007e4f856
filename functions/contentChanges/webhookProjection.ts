/**
 * The projection of the Sanity webhook (declared in the project's API settings, see the
 * README): what changed, before and after, for the fields registrants are told about.
 */
export const sanityWebhookProjection = `{
  "documentId": _id,
  "type": _type,
  "revision": _rev,
  "operation": delta::operation(),
  "updatedAt": _updatedAt,
  "before": before() { title, "slug": slug.current, startsAt, endsAt, status, venue, onlineUrl, registration { capacity, waitingList } },
  "after": after() { title, "slug": slug.current, startsAt, endsAt, status, venue, onlineUrl, registration { capacity, waitingList } }
}`;
