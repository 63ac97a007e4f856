import type { QueryParams } from '@sanity/client';
import { dynamoDbDocumentClient, tableNameOf } from '../aws.ts';
import { setting } from '../settings.ts';
import { ContentCache } from './contentCache.ts';
import { DynamoDbRevisionSource } from './contentRevision.ts';
import { sanityClient } from './sanityClient.ts';

let cache: ContentCache | undefined;

/** The container's content cache, revision-checked against the ContentChanges table. */
export function contentCache(): ContentCache {
  cache ??= new ContentCache(
    new DynamoDbRevisionSource(dynamoDbDocumentClient(), tableNameOf('contentChanges')),
    {
      checkIntervalMs: setting('contentRevisionCheckMs'),
    },
  );
  return cache;
}

type QueryResult<Q extends string> = Q extends keyof SanityQueries ? SanityQueries[Q] : unknown;

/**
 * Runs a GROQ query through @sanity/client, or answers it from the cache at the same revision
 * (`revalidate`: the revision checked now, see `ContentCache.get`).
 */
export async function readContent<Q extends string>(
  query: Q,
  params: QueryParams,
  options: { revalidate?: boolean } = {},
): Promise<{ value: QueryResult<Q>; revision: string }> {
  const client = await sanityClient();
  return contentCache().get(
    `${query}\u0000${JSON.stringify(params)}`,
    () => client.fetch(query, params) as Promise<QueryResult<Q>>,
    options,
  );
}
