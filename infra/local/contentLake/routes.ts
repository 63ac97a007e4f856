import type { ContentLakeDocuments } from '../contentLakeDocuments.ts';
import { systemIdentity } from '../contentLakeDocuments.ts';
import { MutationError } from './applyMutation.ts';
import type { AssetStore } from './assets.ts';
import type { TransactionLog } from './history.ts';
import { corsHeaders, HttpError, type LakeRequest, type LakeResponse, readBody, sendJson } from './http.ts';
import type { ListenHub } from './listen.ts';
import { PermissionDenied, requestedRole, type StudioRole, type StudioUser, studioUser } from './users.ts';

/** Everything the endpoints share: one store of documents and assets behind both listeners. */
export interface Lake {
  readonly documents: ContentLakeDocuments;
  readonly listen: ListenHub;
  readonly assets: AssetStore;
  readonly history: TransactionLog;
  readonly projectId: string;
  readonly dataset: string;
  /** The role of the Studio's local user; `/local/role` changes it while the stand-in runs. */
  readonly studioRole: { current: StudioRole };
  readonly allowOrigin: (origin: string) => boolean;
  /**
   * The robot token the functions' listener accepts (the local value of `SANITY_WRITE_TOKEN`):
   * with it a request is the system; without any, an anonymous reader of a public dataset; with
   * another, refused. Undefined: every request of that listener is the system (unit tests).
   */
  readonly robotToken: string | undefined;
  /** Whether the webhook is sent (`PUT /local/webhook`); drops changes while off. */
  readonly webhook: { enabled: boolean };
}

export interface RequestContext {
  readonly lake: Lake;
  readonly request: LakeRequest;
  readonly response: LakeResponse;
  readonly url: URL;
  /** The path without its API version (`/data/query/production`). */
  readonly path: string;
  /** `1`, `X` or a date (`2025-02-19`); empty for unversioned paths (`/images/…`). */
  readonly apiVersion: string;
  readonly cors: Record<string, string>;
  /** The Studio's user (HTTPS listener); undefined on the functions' listener, which writes as the system. */
  readonly user: StudioUser | undefined;
  readonly identity: string;
  /** A reader without a token: root-path documents only, no writes. */
  readonly anonymous: boolean;
  /** The origin requests reach this listener at (`https://localhost:8011`). */
  readonly publicUrl: string;
  body(): Promise<Buffer>;
}

export interface Route {
  readonly method: string;
  readonly path: RegExp;
  readonly handle: (context: RequestContext, match: RegExpMatchArray) => Promise<void>;
}

export interface ListenerKind {
  /** The Studio's listener: requests carry a user and their role. */
  readonly studio: boolean;
  readonly publicUrl: (request: LakeRequest) => string;
}

/** Routes a request of either listener; answers errors as the Content Lake does (`{ error: { description, type } }`). */
export function lakeRequestHandler(lake: Lake, routes: readonly Route[], listener: ListenerKind) {
  return (request: LakeRequest, response: LakeResponse): void => {
    const cors = corsHeaders(request, lake.allowOrigin);
    handle(request, response, cors).catch((error: unknown) => answerError(response, cors, error));
  };

  async function handle(
    request: LakeRequest,
    response: LakeResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const versioned = url.pathname.match(/^\/v(\d{4}-\d{2}-\d{2}|\d+|X)(\/.*)$/);
    const path = versioned?.[2] ?? url.pathname;
    const found = findRoute(routes, request.method ?? 'GET', path);
    if (!found) throw new HttpError(404, `No endpoint at ${request.method} ${url.pathname}`, 'httpNotFound');
    const [route, match] = found;
    const user = listener.studio
      ? studioUser(requestedRole(request.headers, lake.studioRole.current))
      : undefined;
    const anonymous = !listener.studio && isAnonymous(request.headers.authorization, lake.robotToken);
    let body: Promise<Buffer> | undefined;
    await route.handle(
      {
        lake,
        request,
        response,
        url,
        path,
        apiVersion: versioned?.[1] ?? '',
        cors,
        user,
        identity: user?.id ?? systemIdentity,
        anonymous,
        publicUrl: listener.publicUrl(request),
        body: () => {
          body ??= readBody(request);
          return body;
        },
      },
      match,
    );
  }
}

/** Whether a request of the functions' listener has no token; a wrong token is refused (401). */
function isAnonymous(authorization: string | undefined, robotToken: string | undefined): boolean {
  if (robotToken === undefined) return false;
  if (!authorization) return true;
  if (authorization === `Bearer ${robotToken}`) return false;
  throw new HttpError(401, 'Unauthorized - Session not found', 'sessionNotFound');
}

function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): [Route, RegExpMatchArray] | undefined {
  for (const route of routes) {
    const match = route.method === method ? path.match(route.path) : null;
    if (match) return [route, match];
  }
  return undefined;
}

function answerError(response: LakeResponse, cors: Record<string, string>, error: unknown): void {
  const [status, body] = errorAnswer(error);
  if (status === 500) console.error('Content Lake stand-in:', error);
  sendJson(response, status, body, cors);
}

function errorAnswer(error: unknown): [number, unknown] {
  if (error instanceof HttpError)
    return [error.status, { error: { description: error.message, type: error.type, ...error.details } }];
  // Mutations and actions: the Content Lake's mutationError, the reason as its one item.
  const item =
    error instanceof MutationError
      ? { description: error.message, type: 'documentError' }
      : error instanceof PermissionDenied
        ? { description: error.message, permission: error.permission, type: 'insufficientPermissionsError' }
        : undefined;
  if (!item) return [500, { error: { description: (error as Error).message, type: 'internalError' } }];
  return [
    error instanceof MutationError ? error.status : 403,
    {
      error: {
        description: `The mutation(s) failed: ${item.description}`,
        type: 'mutationError',
        items: [{ error: item, index: 0 }],
      },
    },
  ];
}
