import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { encodeSignatureHeader } from '@sanity/webhook';
import { evaluate, parse } from 'groq-js';
import { sanityWebhookProjection } from '../../functions/contentChanges/webhookProjection.ts';

type SanityDocument = Record<string, unknown> & { _id: string; _type: string; _rev?: string };
type Mutation = Record<string, Record<string, unknown>>;

export interface ContentLakeOptions {
  readonly port: number;
  /** NDJSON file the lake starts from (the demo dataset). */
  readonly datasetFile: string;
  /** Where the lake sends signed webhooks after a mutation, as Sanity would (optional). */
  readonly webhook?: { readonly url: string; readonly secret: string };
}

export interface ContentLake {
  readonly url: string;
  readonly documentCount: () => number;
  stop(): Promise<void>;
}

/**
 * A local stand-in of the few Content Lake endpoints Essaim's code calls (query, doc, mutate),
 * answering with groq-js over an in-memory dataset, so `@sanity/client` and the GROQ queries run
 * unchanged. It is not a fake of an AWS service; it replaces Sanity's hosted API when no project
 * is configured. Mutations live in memory: each start begins from the dataset file.
 */
export async function startContentLake(options: ContentLakeOptions): Promise<ContentLake> {
  const documents = new Map<string, SanityDocument>();
  for (const line of readFileSync(options.datasetFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as SanityDocument;
    documents.set(doc._id, {
      _rev: revision(),
      _createdAt: '2026-11-01T00:00:00Z',
      _updatedAt: '2026-11-01T00:00:00Z',
      ...doc,
    });
  }
  // The array groq-js evaluates over; rebuilt only after a mutation.
  let dataset: SanityDocument[] = [...documents.values()];

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: 'Internal error', message: (error as Error).message });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = url.pathname.match(/^\/v[\w-]+\/data\/(query|doc|mutate)\/([\w-]+)(?:\/(.+))?$/);
    if (!match)
      return sendJson(response, 404, { error: 'Not found', message: `No endpoint at ${url.pathname}` });
    const [, endpoint, , rest] = match;
    const body = request.method === 'POST' ? JSON.parse((await readBody(request)) || '{}') : {};

    if (endpoint === 'query') {
      const query = (body.query as string | undefined) ?? url.searchParams.get('query') ?? '';
      const params: Record<string, unknown> = { ...(body.params as Record<string, unknown> | undefined) };
      for (const [name, value] of url.searchParams)
        if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value);
      const started = performance.now();
      let tree: ReturnType<typeof parse>;
      try {
        tree = parse(query, { params });
      } catch (error) {
        return sendJson(response, 400, {
          error: { description: (error as Error).message, type: 'queryParseError' },
        });
      }
      const result = await (await evaluate(tree, { dataset: published(), params })).get();
      return sendJson(response, 200, { query, result, ms: Math.round(performance.now() - started) });
    }
    if (endpoint === 'doc') {
      const ids = decodeURIComponent(rest ?? '').split(',');
      return sendJson(response, 200, {
        documents: ids.flatMap((id) => (documents.has(id) ? [documents.get(id)] : [])),
        omitted: ids.filter((id) => !documents.has(id)).map((id) => ({ id, reason: 'existence' })),
      });
    }
    const transactionId = revision();
    const results = [];
    const changed: { before: SanityDocument | null; after: SanityDocument | null }[] = [];
    for (const mutation of (body.mutations ?? []) as Mutation[]) {
      const outcome = applyMutation(mutation, transactionId);
      if (outcome) {
        results.push({ id: outcome.id, operation: outcome.operation });
        changed.push(outcome);
      }
    }
    dataset = [...documents.values()];
    sendJson(response, 200, { transactionId, results });
    for (const change of changed) await sendWebhook(change.before, change.after);
  }

  const published = () => dataset.filter((doc) => !doc._id.startsWith('drafts.'));

  function applyMutation(mutation: Mutation, rev: string) {
    const [kind, payload] = Object.entries(mutation)[0] ?? [];
    if (!kind || !payload) return undefined;
    const now = new Date().toISOString();
    if (kind === 'create' || kind === 'createOrReplace' || kind === 'createIfNotExists') {
      const doc = payload as SanityDocument;
      const id = doc._id ?? randomUUID();
      const before = documents.get(id) ?? null;
      if (before && kind === 'createIfNotExists') return undefined;
      if (before && kind === 'create') throw new Error(`Document ${id} already exists`);
      const after = { ...doc, _id: id, _rev: rev, _createdAt: before?._createdAt ?? now, _updatedAt: now };
      documents.set(id, after);
      return { id, operation: before ? 'update' : 'create', before, after };
    }
    if (kind === 'delete') {
      const id = payload.id as string;
      const before = documents.get(id) ?? null;
      documents.delete(id);
      return { id, operation: 'delete', before, after: null };
    }
    if (kind === 'patch') {
      const id = payload.id as string;
      const before = documents.get(id);
      if (!before) throw new Error(`Document ${id} not found`);
      const after: SanityDocument = structuredClone(before);
      for (const [path, value] of Object.entries((payload.setIfMissing ?? {}) as Record<string, unknown>)) {
        if (getPath(after, path) === undefined) setPath(after, path, value);
      }
      for (const [path, value] of Object.entries((payload.set ?? {}) as Record<string, unknown>))
        setPath(after, path, value);
      for (const path of (payload.unset ?? []) as string[]) setPath(after, path, undefined);
      Object.assign(after, { _rev: rev, _updatedAt: now });
      documents.set(id, after);
      return { id, operation: 'update', before, after };
    }
    throw new Error(`Unsupported mutation ${kind}`);
  }

  async function sendWebhook(before: SanityDocument | null, after: SanityDocument | null): Promise<void> {
    if (!options.webhook) return;
    const projection = await (
      await evaluate(parse(sanityWebhookProjection, { mode: 'delta' }), {
        root: after ?? before,
        before,
        after,
        dataset: published(),
      })
    ).get();
    const payload = JSON.stringify(projection);
    const signature = await encodeSignatureHeader(payload, Date.now(), options.webhook.secret);
    await fetch(options.webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sanity-webhook-signature': signature },
      body: payload,
    }).catch((error: unknown) => console.error('Content lake webhook failed:', (error as Error).message));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    documentCount: () => documents.size,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const revision = () => randomUUID().replaceAll('-', '').slice(0, 22);

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function getPath(doc: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc);
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = doc;
  for (const key of keys.slice(0, -1)) {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
}
