import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { encodeSignatureHeader } from '@sanity/webhook';
import { evaluate, parse } from 'groq-js';
import { sanityWebhookProjection } from '../../functions/contentChanges/webhookProjection.ts';
import {
  ContentLakeDocuments,
  type Mutation,
  MutationError,
  revision,
  type SanityDocument,
} from './contentLakeDocuments.ts';

export interface ContentLakeOptions {
  readonly port: number;
  /** NDJSON file the lake starts from (the demo dataset). */
  readonly datasetFile: string;
  /**
   * NDJSON file that keeps the documents between runs: read at start when it exists (instead of
   * the dataset), rewritten after every mutation. Absent: mutations live in memory only.
   */
  readonly persistFile?: string | undefined;
  /** Where the lake sends signed webhooks after a mutation, as Sanity would (optional). */
  readonly webhook?: { readonly url: string; readonly secret: string };
}

export interface ContentLake {
  readonly url: string;
  readonly documentCount: () => number;
  stop(): Promise<void>;
}

/** A request the Content Lake would refuse (HTTP 400). */
class BadRequest extends Error {}

/**
 * A local stand-in of the few Content Lake endpoints Essaim's code calls (query, doc, mutate),
 * answering with groq-js over the documents in memory, so `@sanity/client` and the GROQ queries
 * run unchanged. It is not a fake of an AWS service; it replaces Sanity's hosted API when no
 * project is configured.
 */
export async function startContentLake(options: ContentLakeOptions): Promise<ContentLake> {
  const documents = new ContentLakeDocuments(options);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof MutationError)
        return sendJson(response, 400, { error: { description: error.message, type: 'mutationError' } });
      if (error instanceof BadRequest)
        return sendJson(response, 400, { error: { description: error.message, type: 'httpBadRequest' } });
      sendJson(response, 500, { error: 'Internal error', message: (error as Error).message });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = url.pathname.match(/^\/v[\w-]+\/data\/(query|doc|mutate)\/([\w-]+)(?:\/(.+))?$/);
    if (!match)
      return sendJson(response, 404, { error: 'Not found', message: `No endpoint at ${url.pathname}` });
    const [, endpoint, , rest] = match;
    const body = request.method === 'POST' ? parseBody(await readBody(request)) : {};

    if (endpoint === 'query') {
      const query = (body.query as string | undefined) ?? url.searchParams.get('query') ?? '';
      // Parameter names come from the client: gathered in a Map, handed over as own properties.
      const params = new Map(Object.entries((body.params as Record<string, unknown> | undefined) ?? {}));
      for (const [name, value] of url.searchParams)
        if (name.startsWith('$')) params.set(name.slice(1), parseJson(value, `parameter ${name}`));
      const started = performance.now();
      let tree: ReturnType<typeof parse>;
      try {
        tree = parse(query, { params: Object.fromEntries(params) });
      } catch (error) {
        return sendJson(response, 400, {
          error: { description: (error as Error).message, type: 'queryParseError' },
        });
      }
      const result = await (
        await evaluate(tree, { dataset: documents.published(), params: Object.fromEntries(params) })
      ).get();
      return sendJson(response, 200, { query, result, ms: Math.round(performance.now() - started) });
    }
    if (endpoint === 'doc') {
      const ids = decodedIds(rest ?? '');
      return sendJson(response, 200, {
        documents: ids.flatMap((id) => documents.get(id) ?? []),
        omitted: ids.filter((id) => !documents.get(id)).map((id) => ({ id, reason: 'existence' })),
      });
    }
    const transactionId = revision();
    const mutations = body.mutations ?? [];
    if (!Array.isArray(mutations)) throw new BadRequest('`mutations` must be an array');
    const changes = await documents.apply(mutations as Mutation[], transactionId);
    sendJson(response, 200, {
      transactionId,
      results: changes.map((change) => ({ id: change.id, operation: change.operation })),
    });
    for (const change of changes) await sendWebhook(change.before, change.after);
  }

  async function sendWebhook(before: SanityDocument | null, after: SanityDocument | null): Promise<void> {
    if (!options.webhook) return;
    const projection = await (
      await evaluate(parse(sanityWebhookProjection, { mode: 'delta' }), {
        root: after ?? before,
        before,
        after,
        dataset: documents.published(),
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

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(`The ${what} is not valid JSON`);
  }
}

function parseBody(text: string): Record<string, unknown> {
  const body = text ? parseJson(text, 'request body') : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequest('The request body must be a JSON object');
  return body as Record<string, unknown>;
}

function decodedIds(text: string): string[] {
  try {
    return decodeURIComponent(text).split(',');
  } catch {
    throw new BadRequest('Malformed document ids');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
