import { evaluate, parse } from 'groq-js';
import {
  type ContentLakeDocuments,
  type DocumentChange,
  revision,
  type SanityDocument,
} from '../contentLakeDocuments.ts';
import { actionSteps } from './actions.ts';
import type { Mutation } from './applyMutation.ts';
import { BadRequest, HttpError, parseJson, parseJsonObject, sendJson } from './http.ts';
import { perspectiveDocuments } from './perspective.ts';
import type { RequestContext, Route } from './routes.ts';
import { authorizeChanges } from './users.ts';

/**
 * The data API: `query` (GROQ by groq-js, with perspectives), `doc`, `mutate`, `actions`,
 * `listen`, and an empty `history`. The functions use the first three; the Studio all of them.
 */
export const dataRoutes: Route[] = [
  { method: 'PUT', path: /^\/local\/webhook$/, handle: switchWebhook },
  { method: 'GET', path: /^\/data\/query\/[\w-]+$/, handle: query },
  { method: 'POST', path: /^\/data\/query\/[\w-]+$/, handle: query },
  { method: 'GET', path: /^\/data\/doc\/[\w-]+\/(.+)$/, handle: doc },
  { method: 'POST', path: /^\/data\/mutate\/[\w-]+$/, handle: mutate },
  { method: 'POST', path: /^\/data\/actions\/[\w-]+$/, handle: actions },
  {
    method: 'GET',
    path: /^\/data\/listen\/[\w-]+$/,
    handle: async (context) =>
      context.lake.listen.open(
        context.request,
        context.response,
        context.url,
        context.cors,
        context.anonymous,
      ),
  },
  // The Studio's latency report asks which shard answers.
  {
    method: 'GET',
    path: /^\/data\/ping\/[\w-]+$/,
    handle: async ({ response, cors }) => sendJson(response, 200, {}, { ...cors, 'x-sanity-shard': 'local' }),
  },
  // References from other datasets (the Studio asks before deleting): one dataset, so none.
  {
    method: 'GET',
    path: /^\/data\/references\/[\w-]+\/documents\/[^/]+\/to$/,
    handle: async ({ response, cors }) => sendJson(response, 200, { totalCount: 0, references: [] }, cors),
  },
  // The translog: the Studio's history panel and its restores.
  {
    method: 'GET',
    path: /^\/data\/history\/[\w-]+\/transactions\/(.+)$/,
    handle: async ({ lake, url, response, cors }, match) => {
      const entries = lake.history.transactions(idsOf(match[1]), url.searchParams);
      response.writeHead(200, { ...cors, 'content-type': 'application/x-ndjson' });
      response.end(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    },
  },
  {
    method: 'GET',
    path: /^\/data\/history\/[\w-]+\/documents\/(.+)$/,
    handle: async ({ lake, url, response, cors }, match) =>
      sendJson(response, 200, { documents: lake.history.documents(idsOf(match[1]), url.searchParams) }, cors),
  },
  // The document events API (publish, unpublish… as events): none; the Studio then shows the
  // draft's edits from the translog.
  {
    method: 'GET',
    path: /^\/data\/history\/[\w-]+\/events\/.+$/,
    handle: async ({ response, cors }) => sendJson(response, 200, { events: {}, nextCursor: '' }, cors),
  },
];

/** Perspective views, derived once per state of the documents. */
const views = new WeakMap<
  ContentLakeDocuments,
  { generation: number; byPerspective: Map<string, readonly SanityDocument[]> }
>();
function documentsFor(documents: ContentLakeDocuments, perspective: string | null, apiVersion: string) {
  let view = views.get(documents);
  if (!view || view.generation !== documents.generation) {
    view = { generation: documents.generation, byPerspective: new Map() };
    views.set(documents, view);
  }
  const key = `${perspective}|${apiVersion}`;
  let chosen = view.byPerspective.get(key);
  if (!chosen) {
    chosen = perspectiveDocuments(documents.all(), perspective, apiVersion);
    view.byPerspective.set(key, chosen);
  }
  return chosen;
}

async function query(context: RequestContext): Promise<void> {
  const { url, response, cors } = context;
  const body =
    context.request.method === 'POST' ? parseJsonObject((await context.body()).toString('utf8')) : {};
  const text = (body.query as string | undefined) ?? url.searchParams.get('query') ?? '';
  // Parameter names come from the client: gathered in a Map, handed over as own properties.
  const params = new Map(Object.entries((body.params as Record<string, unknown> | undefined) ?? {}));
  for (const [name, value] of url.searchParams)
    if (name.startsWith('$')) params.set(name.slice(1), parseJson(value, `parameter ${name}`));
  const started = performance.now();
  let tree: ReturnType<typeof parse>;
  try {
    tree = parse(text, { params: Object.fromEntries(params) });
  } catch (error) {
    throw new HttpError(400, (error as Error).message, 'queryParseError', { query: text });
  }
  const perspective = url.searchParams.get('perspective') ?? (body.perspective as string | undefined) ?? null;
  const dataset = readable(context, documentsFor(context.lake.documents, perspective, context.apiVersion));
  let result: unknown;
  try {
    result = await (
      await evaluate(tree, { dataset, params: Object.fromEntries(params), identity: context.identity })
    ).get();
  } catch (error) {
    throw new HttpError(400, (error as Error).message, 'queryExecutionError', { query: text });
  }
  const ms = Math.round(performance.now() - started);
  const answer =
    url.searchParams.get('returnQuery') === 'false' ? { result, ms } : { query: text, result, ms };
  sendJson(response, 200, answer, cors);
}

/** The comma-separated ids of a path. */
function idsOf(text: string | undefined): string[] {
  try {
    return decodeURIComponent(text ?? '').split(',');
  } catch {
    throw new BadRequest('Malformed document ids');
  }
}

async function doc(context: RequestContext, match: RegExpMatchArray): Promise<void> {
  const ids = idsOf(match[1]);
  const { documents } = context.lake;
  const found = (id: string) => (context.anonymous && id.includes('.') ? undefined : documents.get(id));
  sendJson(
    context.response,
    200,
    {
      documents: ids.flatMap((id) => found(id) ?? []),
      omitted: ids.filter((id) => !found(id)).map((id) => ({ id, reason: 'existence' })),
    },
    context.cors,
  );
}

/**
 * What a request may read. As in a public dataset, a reader without a token sees only the
 * documents on the root path: drafts and every id with a `.` (such as `essaim-private.…`, the
 * figures the backend keeps for editors) need a token or a Studio user.
 */
function readable(context: RequestContext, dataset: readonly SanityDocument[]): readonly SanityDocument[] {
  return context.anonymous ? dataset.filter((doc) => !doc._id.includes('.')) : dataset;
}

/** Writing takes a token or a Studio user, as in the Content Lake. */
function refuseAnonymousWrites(context: RequestContext): void {
  if (context.anonymous)
    throw new HttpError(401, 'Unauthorized - a token is needed to write to this dataset', 'unauthorized');
}

async function mutate(context: RequestContext): Promise<void> {
  refuseAnonymousWrites(context);
  const body = parseJsonObject((await context.body()).toString('utf8'));
  const mutations = body.mutations ?? [];
  if (!Array.isArray(mutations)) throw new BadRequest('`mutations` must be an array');
  const search = context.url.searchParams;
  const transactionId = transactionIdOf(body);
  const changes = await context.lake.documents.apply(mutations as Mutation[], transactionId, {
    identity: context.identity,
    dryRun: search.get('dryRun') === 'true',
    authorize: authorizer(context),
  });
  const withDocuments = search.get('returnDocuments') === 'true';
  sendJson(
    context.response,
    200,
    {
      transactionId,
      results: changes.map((change) => ({
        id: change.id,
        operation: change.operation,
        ...(withDocuments && change.after ? { document: change.after } : {}),
      })),
    },
    context.cors,
  );
}

async function actions(context: RequestContext): Promise<void> {
  refuseAnonymousWrites(context);
  const body = parseJsonObject((await context.body()).toString('utf8'));
  const transactionId = transactionIdOf(body);
  await context.lake.documents.apply(actionSteps(body.actions), transactionId, {
    identity: context.identity,
    dryRun: body.dryRun === true,
    authorize: authorizer(context),
  });
  sendJson(context.response, 200, { transactionId }, context.cors);
}

/** A Studio user's grants are checked; the functions' listener (no user) writes as the system. */
function authorizer({ user }: RequestContext) {
  return user ? (changes: readonly DocumentChange[]) => authorizeChanges(user, changes) : undefined;
}

/** The client's transaction id (the Studio sends its own) becomes the documents' new revision. */
function transactionIdOf(body: Record<string, unknown>): string {
  const given = body.transactionId;
  if (given === undefined || given === null || given === '') return revision();
  if (typeof given !== 'string' || !/^[\w.-]{1,128}$/.test(given))
    throw new BadRequest('Invalid transactionId');
  return given;
}

/**
 * `PUT /local/webhook` `{ "enabled": false }`: the webhook disabled, as an administrator can in
 * the project's API settings; what changes meanwhile is never delivered (tests of the resyncs).
 * The functions' listener only, with the robot token.
 */
async function switchWebhook(context: RequestContext): Promise<void> {
  if (context.anonymous) throw new HttpError(401, 'The robot token is required', 'unauthorized');
  const { enabled } = JSON.parse((await context.body()).toString('utf8') || '{}') as { enabled?: unknown };
  if (typeof enabled !== 'boolean')
    throw new HttpError(400, 'Expected { "enabled": true | false }', 'badRequest');
  context.lake.webhook.enabled = enabled;
  sendJson(context.response, 200, { enabled }, context.cors);
}
