import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

// As verified against AWS: only these arrive as text; form posts (`x-www-form-urlencoded`) arrive in base64.
const textContentType = /^(text\/|application\/(json|problem\+json|xml|javascript)|[^;]*\+json)/i;

/** What the translation reads of a request (a plain object in unit tests). */
export type IncomingRequest = Pick<IncomingMessage, 'headers' | 'httpVersion'> & {
  readonly socket: { readonly remoteAddress?: string | undefined };
};

export interface ApiGatewayEventOptions {
  readonly url: URL;
  readonly method: string;
  readonly body: Buffer;
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string> | undefined;
  /** The API's own address (`127.0.0.1:3000`), as API Gateway gives its domain name. */
  readonly domainName: string;
  /** Also the correlation id every answer carries. */
  readonly requestId: string;
}

/**
 * The request target as API Gateway reads it: a path (`//x` stays a path, not a host) with
 * its query string. Null when it cannot be read at all.
 */
export function requestUrl(target: string | undefined, domainName: string): URL | null {
  try {
    const raw = target ?? '/';
    return raw.startsWith('/') ? new URL(`http://${domainName}${raw}`) : new URL(raw, `http://${domainName}`);
  } catch {
    return null;
  }
}

/**
 * An API Gateway HTTP API payload-2.0 event for a request. Names chosen by the client (query
 * parameters, headers) are gathered in Maps, never as keys of a plain object where
 * `constructor` or `__proto__` would find the prototype's; the handler gets plain objects with
 * those names as own properties, as API Gateway hands them over.
 */
export function toApiGatewayEvent(
  request: IncomingRequest,
  options: ApiGatewayEventOptions,
): APIGatewayProxyEventV2 {
  const { url, method, body, routeKey, pathParameters, domainName, requestId } = options;
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers.set(name, Array.isArray(value) ? value.join(',') : value);
  }
  // The connection's own address, as API Gateway reports it: the only client identity the
  // functions trust (`requestContext.http.sourceIp`); a dual-stack socket's IPv4-mapped form as IPv4.
  const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(
    /^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i,
    '',
  );
  // As API Gateway adds them (here the scheme is plain HTTP): whatever `X-Forwarded-For` the
  // client wrote stays a claim, followed by the address the connection really came from.
  headers.set('x-forwarded-proto', 'http');
  const claimed = headers.get('x-forwarded-for');
  headers.set('x-forwarded-for', claimed ? `${claimed}, ${sourceIp}` : sourceIp);
  const query = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    const previous = query.get(name);
    query.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  const isText = textContentType.test(headers.get('content-type') ?? 'text/plain');
  const cookie = request.headers.cookie;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: cookie ? cookie.split(/;\s*/) : undefined,
    headers: Object.fromEntries(headers),
    queryStringParameters: url.search ? Object.fromEntries(query) : undefined,
    pathParameters: pathParameters && Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers.get('user-agent') ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}
