import { dynamoDbDocumentClient, tableNameOf } from '../aws.ts';
import { setting } from '../settings.ts';
import { ContentCache } from './contentCache.ts';
import { contentReadToken, type QueryParams, queryContentLake } from './contentLakeQuery.ts';
import { DynamoDbRevisionSource } from './contentRevision.ts';

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
 * Runs a GROQ query on the Content Lake (`queryContentLake`), or answers it from the cache at the
 * same revision (`revalidate`: the revision checked now; `atRevision`: the one the caller just
 * read; see `ContentCache.get`).
 */
export async function readContent<Q extends string>(
  query: Q,
  params: QueryParams,
  options: { revalidate?: boolean; atRevision?: string } = {},
): Promise<{ value: QueryResult<Q>; revision: string }> {
  const token = await contentReadToken();
  return contentCache().get(
    `${query}\u0000${JSON.stringify(params)}`,
    () => queryContentLake<QueryResult<Q>>(query, params, token),
    options,
  );
}
