import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface CacheableBody {
  readonly body: string;
  readonly contentType: string;
  /** Seconds browsers and CDNs may reuse the answer without asking. */
  readonly maxAgeSeconds?: number;
  readonly headers?: Record<string, string>;
}

/**
 * A read answer with `Cache-Control` and a strong `ETag` (a hash of the body): a client that
 * sends the same `If-None-Match` gets `304` and no body.
 */
export function cacheableResponse(
  event: APIGatewayProxyEventV2,
  answer: CacheableBody,
): APIGatewayProxyStructuredResultV2 {
  const etag = `"${createHash('sha256').update(answer.body).digest('base64url').slice(0, 27)}"`;
  const maxAge = answer.maxAgeSeconds ?? 60;
  const headers = {
    etag,
    'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`,
    ...answer.headers,
  };
  const ifNoneMatch = event.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return { statusCode: 304, headers };
  }
  return { statusCode: 200, headers: { 'content-type': answer.contentType, ...headers }, body: answer.body };
}

export const cacheableJson = (event: APIGatewayProxyEventV2, value: unknown, maxAgeSeconds?: number) =>
  cacheableResponse(event, {
    body: JSON.stringify(value),
    contentType: 'application/json; charset=utf-8',
    ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
  });
