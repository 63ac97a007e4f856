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
import {
  type DeployedFunction,
  fallbackRoute,
  type HttpRoute,
  routesForPath,
} from '../../functions/catalogue.ts';
import { ProblemError, renderProblem } from '../../functions/shared/http/problem.ts';
import { type IncomingRequest, requestUrl, toApiGatewayEvent } from './apiGatewayEvent.ts';
import { runAsFunction } from './functionContext.ts';
import { lambdaContext } from './lambdaContext.ts';
import type { StackActivity } from './stackActivity.ts';

type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');
/** API Gateway refuses payloads above 10 MB before any function runs. */
const apiGatewayPayloadLimit = 10 * 1024 * 1024;
/** How long `GET /health/settled` waits by default (`?timeoutMs=` changes it, up to 2 minutes). */
const settledTimeoutMs = 30_000;

const loaded = new Map<string, Promise<HttpLambda>>();
/** A handler module, loaded once (its init phase runs as its function, like a cold start). */
function loadHandler(fn: DeployedFunction): Promise<HttpLambda> {
  let handler = loaded.get(fn.handler);
  if (!handler) {
    handler = runAsFunction({ function: fn }, () =>
      import(pathToFileURL(join(functionsDirectory, fn.handler)).href).then(
        (m: { handler: HttpLambda }) => m.handler,
      ),
    );
    loaded.set(fn.handler, handler);
  }
  return handler;
}

export interface ApiServerOptions {
  readonly port: number;
  readonly corsOrigins: readonly string[];
  /** `GET /health` of the local stack (not a route of the API). */
  readonly health: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  /** `GET /health/streams`: whether the poller caught up, and records handed to workers since start. */
  readonly streams: () => { caughtUp: boolean; recordsDelivered: number };
  /**
   * `GET /health/settled`: whether the stack came to rest (no request, delivery or worker under
   * way, every stream read to the end) by `deadline`. The server counts its requests in `activity`.
   */
  readonly settled: (deadline: number) => Promise<boolean>;
  readonly activity: StackActivity;
}

/**
 * The local API Gateway (HTTP API): each request becomes a payload-2.0 event for the handler
 * the route table names, exactly as API Gateway would call the Lambda function. Its own
 * answers (413, 502…) are French problem+json with a correlation id, like the functions'.
 */
export async function startApiServer(options: ApiServerOptions): Promise<Server> {
  const domainName = `127.0.0.1:${options.port}`;
  const server = createServer((request, response) => {
    const requestId = randomUUID();
    // The stack's own health paths are not the API's work (and the settled check waits on the rest).
    if (!request.url?.startsWith('/health')) {
      const answered = options.activity.begin();
      response.once('close', answered);
    }
    serve(request, response, options, domainName, requestId).catch((error: unknown) => {
      console.error('Local API server error', error);
      if (response.headersSent) return void response.end();
      answerProblem(
        response,
        requestId,
        new ProblemError({ status: 502, title: 'problem.internal.title', detail: 'problem.internal.detail' }),
      );
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
  domainName: string,
  requestId: string,
): Promise<void> {
  const method = (request.method ?? 'GET').toUpperCase();
  const url = requestUrl(request.url, domainName);
  if (!url) {
    const path = request.url ?? '';
    return answerProblem(
      response,
      requestId,
      new ProblemError({
        status: 404,
        title: 'problem.notFound.title',
        detail: 'problem.notFound.detail',
        params: { path },
      }),
    );
  }
  if (url.pathname === '/health' && method === 'GET') {
    const health = await options.health();
    response.writeHead(health.ok ? 200 : 503, {
      'content-type': 'application/json',
      'x-correlation-id': requestId,
    });
    response.end(JSON.stringify({ status: health.ok ? 'ok' : 'starting', ...health.checks }));
    return;
  }
  if (url.pathname === '/health/streams' && method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json', 'x-correlation-id': requestId });
    response.end(JSON.stringify(options.streams()));
    return;
  }
  if (url.pathname === '/health/settled' && method === 'GET') {
    const waitMs = Math.min(Number(url.searchParams.get('timeoutMs')) || settledTimeoutMs, 120_000);
    const started = Date.now();
    const settled = await options.settled(started + waitMs);
    response.writeHead(settled ? 200 : 503, {
      'content-type': 'application/json',
      'x-correlation-id': requestId,
    });
    response.end(JSON.stringify({ settled, waitedMs: Date.now() - started }));
    return;
  }
  if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
    answerPreflight(request, response, options.corsOrigins, requestId);
    return;
  }

  const body = await readBody(request);
  if (body === null) {
    return answerProblem(
      response,
      requestId,
      new ProblemError({
        status: 413,
        title: 'problem.payloadTooLarge.title',
        detail: 'problem.payloadTooLarge.detail',
        params: { limit: apiGatewayPayloadLimit },
      }),
    );
  }
  writeResult(response, await answerApiRequest(request, { url, method, body, domainName, requestId }));
}

/**
 * What the API answers a request that passed the gateway's own checks: the route API Gateway
 * would choose, its payload-2.0 event, the function's answer (run under its manifest's access).
 * The server above and the fuzz test (`test/integration/apiFuzz.test.ts`, which gives each
 * request a source address of its own) share it.
 */
export async function answerApiRequest(
  request: IncomingRequest,
  options: { url: URL; method: string; body: Buffer; domainName: string; requestId: string },
): Promise<APIGatewayProxyResultV2> {
  const { url, method } = options;
  const match = routesForPath(url.pathname)
    .filter(({ route }) => route.method === method)
    .sort((a, b) => specificity(b.route) - specificity(a.route))[0];
  const routeKey = match ? `${match.route.method} ${match.route.path}` : '$default';
  const event = toApiGatewayEvent(request, { ...options, routeKey, pathParameters: match?.pathParameters });
  const fn: DeployedFunction = match?.route ?? fallbackRoute;
  const handler = await loadHandler(fn);
  return runAsFunction({ function: fn }, () =>
    handler(event, lambdaContext(fn.name, (fn.timeoutSeconds ?? 10) * 1000)),
  );
}

/** Static segments outrank parameters, as in API Gateway. */
const specificity = (route: HttpRoute): number =>
  route.path.split('/').filter((s) => s && !s.startsWith('{')).length;

/** An answer of the gateway itself: French problem+json, with the correlation id. */
function answerProblem(response: ServerResponse, requestId: string, problem: ProblemError): void {
  const rendered = renderProblem(problem, 'fr');
  response.writeHead(problem.status, { ...rendered.headers, 'x-correlation-id': requestId });
  response.end(rendered.body);
}

function answerPreflight(
  request: IncomingMessage,
  response: ServerResponse,
  corsOrigins: readonly string[],
  requestId: string,
): void {
  const origin = request.headers.origin ?? '';
  const allowed = corsOrigins.includes(origin) || corsOrigins.includes('*');
  response.writeHead(204, {
    'x-correlation-id': requestId,
    ...(allowed
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
          'access-control-allow-headers': 'content-type,accept-language',
          'access-control-max-age': '3600',
          vary: 'Origin',
        }
      : {}),
  });
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

/** Applies API Gateway's rules for a function's answer (a bare value means JSON 200). */
function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  const structured: APIGatewayProxyStructuredResultV2 =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? result
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers = new Map<string, string | string[]>();
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers.set(name.toLowerCase(), String(value));
  if (structured.cookies?.length) headers.set('set-cookie', structured.cookies);
  response.writeHead(structured.statusCode ?? 200, Object.fromEntries(headers));
  const body = structured.body ?? '';
  response.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
