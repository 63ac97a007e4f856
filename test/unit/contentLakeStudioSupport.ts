import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type ClientHttp2Session, connect, constants } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient, type SanityClient } from '@sanity/client';
import {
  type ContentLake,
  type ContentLakeOptions,
  startContentLake,
} from '../../infra/local/contentLake.ts';

/** The small dataset the Studio endpoint's tests start from. */
export const testDocuments = [
  { _id: 'region-53', _type: 'region', name: 'Bretagne', code: '53' },
  {
    _id: 'event-1',
    _type: 'event',
    title: 'Atelier compost',
    slug: { _type: 'slug', current: 'atelier-compost' },
    startsAt: '2027-11-05T14:00:00.000Z',
    endsAt: '2027-11-05T16:00:00.000Z',
    status: 'scheduled',
    venue: { city: 'Rennes' },
    tags: ['jardin'],
    attendance: 3,
  },
  { _id: 'drafts.event-2', _type: 'event', title: 'Brouillon seul' },
  { _id: 'page-about', _type: 'page', title: 'À propos' },
];

export interface TestLake {
  readonly lake: ContentLake;
  readonly directory: string;
  /** A `@sanity/client` on the Studio endpoint, over HTTP/2, trusting only its certificate. */
  client(role?: string): SanityClient;
  restart(): Promise<TestLake>;
  stop(): Promise<void>;
}

/** A stand-in with its Studio endpoint on free ports, its data in a fresh folder. */
export async function startTestLake(
  extra: Partial<ContentLakeOptions> = {},
  directory = mkdtempSync(join(tmpdir(), 'essaim-studio-lake-')),
): Promise<TestLake> {
  const datasetFile = join(directory, 'dataset.ndjson');
  writeFileSync(datasetFile, testDocuments.map((doc) => `${JSON.stringify(doc)}\n`).join(''));
  const lake = await startContentLake({
    port: 0,
    datasetFile,
    persistFile: join(directory, 'content-lake.ndjson'),
    studio: { port: 0, certificateDirectory: directory },
    ...extra,
  });
  const transport = http2Fetch(lake.certificate?.certificate ?? '');
  return {
    lake,
    directory,
    client: (role) =>
      createClient({
        projectId: 'essaimdemo',
        dataset: 'production',
        apiVersion: '2025-02-19',
        useCdn: false,
        apiHost: lake.studioUrl ?? '',
        useProjectHostname: false,
        resolveFetch: () => transport.fetch,
        ...(role ? { headers: { 'x-essaim-studio-role': role } } : {}),
      }),
    restart: async () => {
      transport.close();
      await lake.stop();
      return startTestLake(extra, directory);
    },
    stop: async () => {
      transport.close();
      await lake.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A `fetch` over HTTP/2 (only: `connect` fails on a server without it) that trusts the given
 * certificate and nothing else: the checks of the certificate (name, validity) stay on, and no
 * process-wide setting changes.
 */
export function http2Fetch(ca: string): { fetch: typeof fetch; close(): void } {
  const sessions = new Map<string, ClientHttp2Session>();
  const sessionFor = (origin: string) => {
    let session = sessions.get(origin);
    if (!session || session.closed || session.destroyed) {
      session = connect(origin, { ca });
      session.on('error', () => sessions.delete(origin));
      sessions.set(origin, session);
    }
    return session;
  };
  const http2: typeof fetch = async (input, init) => {
    const request = new Request(input, { ...init, duplex: 'half' } as RequestInit);
    const url = new URL(request.url);
    const body = ['GET', 'HEAD'].includes(request.method)
      ? undefined
      : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {
      ':method': request.method,
      ':path': `${url.pathname}${url.search}`,
    };
    request.headers.forEach((value, name) => {
      if (name !== 'host' && name !== 'connection') headers[name] = value;
    });
    const stream = sessionFor(url.origin).request(headers, { endStream: !body?.length });
    if (body?.length) stream.end(body);
    request.signal.addEventListener('abort', () => stream.close(constants.NGHTTP2_CANCEL), { once: true });
    const answer = await new Promise<Record<string, string | string[] | number | undefined>>(
      (resolve, reject) => {
        stream.once('response', resolve);
        stream.once('error', reject);
      },
    );
    const status = Number(answer[':status']);
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer))
      if (!name.startsWith(':') && value !== undefined)
        responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    const responseBody =
      status === 204 || request.method === 'HEAD' ? null : (Readable.toWeb(stream) as ReadableStream);
    return new Response(responseBody, { status, headers: responseHeaders });
  };
  return {
    fetch: http2,
    close: () => {
      for (const session of sessions.values()) session.close();
    },
  };
}

export interface ReceivedWebhook {
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** An HTTP server that records the webhooks it receives (raw body, to check the signature). */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  stop(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sanity`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `done`, at most `timeoutMs`. */
export async function until<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Never happened; last seen ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
