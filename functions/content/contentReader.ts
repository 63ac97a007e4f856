import type { QueryParams } from '@sanity/client';
import { dynamoDbDocumentClient } from '../platform/aws.ts';
import { DynamoDbContentChangeStore } from '../store/contentChangeStore.ts';
import { tableNameOf } from '../tables.ts';
import { ContentCache } from './contentCache.ts';
import { sanityClient } from './sanityClient.ts';

let cache: ContentCache | undefined;

/** The container's content cache, revision-checked against the ContentChanges table. */
export function contentCache(env: NodeJS.ProcessEnv = process.env): ContentCache {
  cache ??= new ContentCache(
    new DynamoDbContentChangeStore(dynamoDbDocumentClient(), tableNameOf('contentChanges', env)),
    {
      checkIntervalMs: Number(env.CONTENT_REVISION_CHECK_MS ?? 5000),
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
