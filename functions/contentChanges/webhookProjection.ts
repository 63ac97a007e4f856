/** The fields registrants are told about, before and after an edit. */
const watchedFields =
  '{ title, "slug": slug.current, startsAt, endsAt, status, venue, onlineUrl, registration { capacity, waitingList } }';

/**
 * The document types the webhook is declared for (its filter, see the README's « Declaring the
 * webhook »; drafts excluded by the project setting): the scheduled resync reads the same ones.
 */
export const webhookDocumentTypes = [
  'event',
  'organization',
  'region',
  'campaign',
  'article',
  'page',
  'siteSettings',
  'subscriptionList',
  'newsletter',
  'newsletterSendRequest',
  'printedProgrammeRequest',
  'moderationDecision',
  'directoryEntry',
  'directoryDecision',
] as const;

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
  "before": before() ${watchedFields},
  "after": after() ${watchedFields}
}`;

/**
 * The same record for a document the resync reads as it is now (no webhook's delta: what it
 * was before is unknown, `before` is null). Read on the published perspective (no drafts); at
 * most 500 a run, oldest change first, so the next run carries on.
 */
export const resyncQuery = `*[_type in $types && _updatedAt > $since]
  | order(_updatedAt asc) [0...500] {
  "documentId": _id,
  "type": _type,
  "revision": _rev,
  "operation": "update",
  "updatedAt": _updatedAt,
  "before": null,
  "after": ${watchedFields}
}`;
