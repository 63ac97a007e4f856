/** Content Lake API version the queries and mutations are written against. */
export const sanityApiVersion = '2025-02-19';
