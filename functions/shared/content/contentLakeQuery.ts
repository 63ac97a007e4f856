import { fromSecret } from '../secrets.ts';
import { setting } from '../settings.ts';
import { sanityApiVersion } from './contentApiVersion.ts';

/** GROQ parameters: any JSON value, by name. */
export type QueryParams = Readonly<Record<string, unknown>>;

/**
 * The read token (`SANITY_READ_TOKEN`, from SSM in AWS), for a private dataset only; a public
 * dataset is read without one. Asked for at every read, cached or not: where the local stack
 * guards secrets, that is where a function that did not declare `readsContent` is refused.
 */
export const contentReadToken: () => Promise<string | null> = fromSecret(
  'SANITY_READ_TOKEN',
  (token) => token ?? null,
);

/** Query strings longer than this go as a POST body, as @sanity/client sends them. */
const longestQueryString = 11264;
/** One deadline for a query and its retries, under the functions' 10-second timeout. */
const queryDeadlineMs = 8000;
const retries = 5;
/** The answers worth another try: rate limited, or the Content Lake's gateway briefly down. */
const retriedStatuses = new Set([429, 502, 503]);
/** Network failures where the request most likely never reached the Content Lake. */
const retriedNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** A query the Content Lake refused or could not answer; the query itself is not in the message. */
export class ContentQueryError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`The Content Lake answered HTTP ${status} to a query`);
    this.name = 'ContentQueryError';
    this.status = status;
  }
}

/**
 * Runs a GROQ query on the published perspective of the configured dataset (or the local
 * stand-in's, with `SANITY_API_HOST`), not through the API CDN: freshness comes from the webhook,
 * speed from our cache. It is the request @sanity/client makes (`GET /v<version>/data/query/
 * <dataset>?query=…&$name=<JSON>&perspective=published&returnQuery=false`, a POST of
 * `{query, params}` when that is too long, the same retries), written with fetch: the client and
 * the rxjs it brings (240 KiB) stay out of every function.
 */
export async function queryContentLake<Result>(
  query: string,
  params: QueryParams,
  token: string | null,
): Promise<Result> {
  const search = new URLSearchParams({ query });
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) search.append(`$${name}`, JSON.stringify(value));
  const options = 'perspective=published&returnQuery=false';
  const useGet = `?${search}`.length < longestQueryString;
  const url = `${queryEndpoint()}?${useGet ? `${search}&` : ''}${options}`;
  const request: RequestInit = {
    method: useGet ? 'GET' : 'POST',
    headers: {
      accept: 'application/json',
      ...(useGet ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(useGet ? {} : { body: JSON.stringify({ query, params }) }),
    signal: AbortSignal.timeout(queryDeadlineMs),
  };
  const response = await withRetries(() => fetch(url, request));
  return ((await response.json()) as { result: Result }).result;
}

function queryEndpoint(): string {
  const host = setting('sanityApiHost') || `https://${setting('sanityProjectId')}.api.sanity.io`;
  return `${host}/v${sanityApiVersion}/data/query/${setting('sanityDataset')}`;
}

/** Queries are reads: a transient failure is tried again, after 0.1, 0.2, 0.4… s (and some jitter). */
async function withRetries(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let failure: unknown;
    try {
      const response = await send();
      if (response.ok) return response;
      // The body may quote the query (and its parameters): only the status is kept.
      await response.body?.cancel();
      failure = new ContentQueryError(response.status);
    } catch (error) {
      failure = error;
    }
    if (attempt >= retries || !isTransient(failure)) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt + Math.random() * 100));
  }
}

function isTransient(failure: unknown): boolean {
  if (failure instanceof ContentQueryError) return retriedStatuses.has(failure.status);
  // Node's fetch fails with a TypeError whose cause carries the network error's code.
  const code = (failure as { cause?: { code?: unknown } }).cause?.code;
  return failure instanceof TypeError && typeof code === 'string' && retriedNetworkCodes.has(code);
}
