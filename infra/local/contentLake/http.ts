import type { IncomingHttpHeaders } from 'node:http';

/**
 * A request on either listener: plain HTTP/1.1 (the functions) or HTTP/2 over TLS (the
 * Studio): what `IncomingMessage` and `Http2ServerRequest` have in common.
 */
export interface LakeRequest extends AsyncIterable<unknown> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: IncomingHttpHeaders & { ':authority'?: string };
  on(event: 'close', listener: () => void): unknown;
}

/** What `ServerResponse` and `Http2ServerResponse` have in common. */
export interface LakeResponse {
  readonly headersSent: boolean;
  writeHead(status: number, headers?: Record<string, string>): unknown;
  write(chunk: string | Buffer): boolean;
  end(): unknown;
  end(chunk: string | Buffer): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** An error the Content Lake answers with a status and `{ error: { description, type } }`. */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, message: string, type: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.details = details;
  }
}

/** A request the Content Lake would refuse (HTTP 400). */
export class BadRequest extends HttpError {
  constructor(message: string, type = 'httpBadRequest') {
    super(400, message, type);
  }
}

export class NotFound extends HttpError {
  constructor(message: string) {
    super(404, message, 'httpNotFound');
  }
}

export function sendJson(
  response: LakeResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export function send(
  response: LakeResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, headers);
  response.end(body);
}

/** The body, up to `limit` bytes (a bigger one is a 413, as the API answers). */
export async function readBody(request: LakeRequest, limit = 50 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'Request body too large', 'httpPayloadTooLarge');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(`The ${what} is not valid JSON`);
  }
}

export function parseJsonObject(text: string): Record<string, unknown> {
  const body = text ? parseJson(text, 'request body') : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequest('The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Origins the stand-in answers with credentials: pages served from this machine only
 * (localhost, *.localhost, 127.0.0.1, [::1]), on any port and scheme.
 */
export function isLocalOrigin(origin: string): boolean {
  try {
    const { hostname, protocol } = new URL(origin);
    if (protocol !== 'http:' && protocol !== 'https:') return false;
    return ['localhost', '127.0.0.1', '[::1]'].includes(hostname) || hostname.endsWith('.localhost');
  } catch {
    return false;
  }
}

/** CORS headers for a request: its origin is echoed, with credentials, when it is allowed. */
export function corsHeaders(
  request: LakeRequest,
  allowed: (origin: string) => boolean,
): Record<string, string> {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !allowed(origin)) return {};
  const requested = request.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers':
      typeof requested === 'string' ? requested : 'authorization, content-type, last-event-id',
    'access-control-expose-headers': 'content-type, x-sanity-shard',
    'access-control-max-age': '600',
    // Lets the page read the timings, the protocol among them (the Studio checks for HTTP/2).
    'timing-allow-origin': origin,
    vary: 'origin',
  };
}
