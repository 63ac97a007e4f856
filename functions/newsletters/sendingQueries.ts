import { defineQuery } from 'groq';

/**
 * What the sending pipeline reads from the Content Lake (result types by `npm run typegen`).
 * A send request is a published document an editor's action created; its newsletter is read
 * published, as it is when the request is acted on.
 */
export const sendRequestQuery = defineQuery(`*[_type == "newsletterSendRequest" && _id == $id][0] {
  _id,
  action,
  sendAt,
  requestedBy,
  requestedAt,
  "newsletterId": newsletter._ref,
  digestSend
}`);

/** Every list's title (for `List-Id`), and the lists whose subscribers receive test sends. */
export const sendingListsQuery = defineQuery(`*[_type == "subscriptionList" && defined(slug.current)] {
  "id": slug.current,
  title,
  "forTests": coalesce(forTests, false)
}`);
