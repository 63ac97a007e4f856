import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { fallbackRoute, type HttpRoute, routesForPath } from '../../functions/catalogue.ts';
import { lambdaContext } from './lambdaContext.ts';

type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');
/** API Gateway refuses payloads above 10 MB before any function runs. */
const apiGatewayPayloadLimit = 10 * 1024 * 1024;
const textContentType = /^(text\/|application\/(json|problem\+json|x-www-form-urlencoded|xml)|[^;]*\+json)/i;

const loaded = new Map<string, Promise<HttpLambda>>();
function loadHandler(module: string): Promise<HttpLambda> {
  let handler = loaded.get(module);
  if (!handler) {
    handler = import(pathToFileURL(join(functionsDirectory, module)).href).then(
      (m: { handler: HttpLambda }) => m.handler,
    );
    loaded.set(module, handler);
  }
  return handler;
}

export interface ApiServerOptions {
  readonly port: number;
  readonly corsOrigins: readonly string[];
  /** `GET /health` of the local stack (not a route of the API). */
  readonly health: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>;
}

/**
 * The local API Gateway (HTTP API): each request becomes a payload-2.0 event for the handler
 * the route table names, exactly as API Gateway would call the Lambda function.
 */
export async function startApiServer(options: ApiServerOptions): Promise<Server> {
  const server = createServer((request, response) => {
    serve(request, response, options).catch((error: unknown) => {
      console.error('Local API server error', error);
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Internal Server Error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return server;
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiServerOptions,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = (request.method ?? 'GET').toUpperCase();

  if (url.pathname === '/health' && method === 'GET') {
    const health = await options.health();
    response.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: health.ok ? 'ok' : 'starting', ...health.checks }));
    return;
  }
  if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
    answerPreflight(request, response, options.corsOrigins);
    return;
  }

  const body = await readBody(request);
  if (body === null) {
    response.writeHead(413, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'Request Entity Too Large' }));
    return;
  }
  const match = routesForPath(url.pathname)
    .filter(({ route }) => route.method === method)
    .sort((a, b) => specificity(b.route) - specificity(a.route))[0];
  const routeKey = match ? `${match.route.method} ${match.route.path}` : '$default';
  const event = toApiGatewayEvent(request, url, method, body, routeKey, match?.pathParameters);
  const name = match?.route.name ?? fallbackRoute.name;
  const handler = await loadHandler(match?.route.handler ?? fallbackRoute.handler);
  const result = await handler(event, lambdaContext(name));
  writeResult(response, result);
}

/** Static segments outrank parameters, as in API Gateway. */
const specificity = (route: HttpRoute): number =>
  route.path.split('/').filter((s) => s && !s.startsWith('{')).length;

function answerPreflight(
  request: IncomingMessage,
  response: ServerResponse,
  corsOrigins: readonly string[],
): void {
  const origin = request.headers.origin ?? '';
  const allowed = corsOrigins.includes(origin) || corsOrigins.includes('*');
  response.writeHead(
    204,
    allowed
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
          'access-control-allow-headers': 'content-type,accept-language',
          'access-control-max-age': '3600',
          vary: 'Origin',
        }
      : {},
  );
  response.end();
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > apiGatewayPayloadLimit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toApiGatewayEvent(
  request: IncomingMessage,
  url: URL,
  method: string,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // As API Gateway adds them (here the scheme is plain HTTP).
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-for'] ??= request.socket.remoteAddress ?? '127.0.0.1';
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = textContentType.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: request.headers.cookie?.split(/;\s*/),
    headers,
    queryStringParameters: url.search ? query : undefined,
    pathParameters: pathParameters && Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/** Applies API Gateway's rules for a function's answer (a bare value means JSON 200). */
function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  const structured: APIGatewayProxyStructuredResultV2 =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? result
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  response.writeHead(structured.statusCode ?? 200, headers);
  const body = structured.body ?? '';
  response.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
