import { defineQuery } from 'groq';

/**
 * The subscription lists' GROQ query. Its result type is generated from the Studio's schema by
 * `npm run typegen` into `shared/content/sanity.types.ts`, never written by hand.
 *
 * A list's id is its slug: what subscribers send (`POST /subscriptions`, `lists`) and what their
 * subscriptions store. Every list is returned, the ones not offered on the public form too
 * (`public: false`, for editors' sends); a list without the flag counts as public.
 */
export const subscriptionListsQuery =
  defineQuery(`*[_type == "subscriptionList"] | order(order asc, title asc) {
  "id": slug.current,
  title,
  description,
  "public": coalesce(public, true),
  order
}`);
