import { randomUUID } from 'node:crypto';
import { evaluate, parse } from 'groq-js';
import type { ContentLakeDocuments, DocumentChange, Transaction } from '../contentLakeDocuments.ts';
import { type SanityDocument, withoutRev } from './applyMutation.ts';
import { BadRequest, type LakeRequest, type LakeResponse } from './http.ts';
import { mendozaEffects } from './mendoza.ts';

/** The options of `GET /data/listen/:dataset`, as `@sanity/client` sends them. */
export interface ListenOptions {
  readonly includeResult: boolean;
  readonly includePreviousRevision: boolean;
  readonly includeMutations: boolean;
  readonly includeAllVersions: boolean;
  readonly visibility: string;
  readonly effectFormat: string | null;
  readonly enableResume: boolean;
}

type Transition = 'appear' | 'update' | 'disappear';

/** How many recent transactions a resuming listener (`Last-Event-ID`) can be replayed. */
const resumableTransactions = 1000;
const keepAliveMilliseconds = 25_000;

/**
 * The listener endpoint: server-sent events as the Content Lake sends them. A `welcome` (or,
 * resuming after `Last-Event-ID`, `welcomeback` then what was missed, or `reset` when that is
 * too old), then one `mutation` event per document per transaction that matches the query
 * before or after, with its `transition`, its revisions chained (`previousRev` → `resultRev`,
 * the transaction id), the transaction's mutations of that document, and mendoza `effects` on
 * request. The Studio keeps several open and checks that chain.
 */
export class ListenHub {
  readonly #recent: Transaction[] = [];
  readonly #streams = new Set<(transaction: Transaction) => void>();
  readonly #closers = new Set<() => void>();
  readonly #stopListening: () => void;

  constructor(documents: ContentLakeDocuments) {
    this.#stopListening = documents.subscribe((transaction) => {
      this.#recent.push(transaction);
      if (this.#recent.length > resumableTransactions) this.#recent.shift();
      for (const stream of this.#streams) stream(transaction);
    });
  }

  open(
    request: LakeRequest,
    response: LakeResponse,
    url: URL,
    headers: Record<string, string>,
    rootPathOnly = false,
  ): void {
    const options = listenOptions(url.searchParams);
    const filter = listenFilter(url.searchParams);
    const matches = rootPathOnly
      ? async (doc: SanityDocument) => !doc._id.includes('.') && filter(doc)
      : filter;
    const lastEventId = request.headers['last-event-id'];
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    const write = (event: string, data: unknown, id?: string) =>
      response.write(`event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    // Events are written in commit order, whatever the time their filter takes.
    let queue: Promise<void> = Promise.resolve();
    const send = (transaction: Transaction, after?: string) => {
      queue = queue
        .then(async () => {
          for (const event of await transactionEvents(transaction, options, matches, after)) {
            if (!open) return;
            write('mutation', event, options.enableResume ? String(event.eventId) : undefined);
          }
        })
        .catch((error: unknown) => console.error('Content Lake listener:', (error as Error).message));
    };
    let open = true;
    const listenerName = randomUUID().replaceAll('-', '').slice(0, 22);
    response.write('retry: 1000\n\n');
    const resumeFrom = options.enableResume && typeof lastEventId === 'string' ? lastEventId : undefined;
    if (resumeFrom) {
      const [transactionId] = resumeFrom.split('#');
      const index = this.#recent.findIndex((transaction) => transaction.id === transactionId);
      if (index < 0) write('reset', {});
      else {
        write('welcomeback', { listenerName });
        const transaction = this.#recent[index] as Transaction;
        send(transaction, resumeFrom.slice(transactionId?.length ?? 0).replace(/^#/, ''));
        for (const missed of this.#recent.slice(index + 1)) send(missed);
      }
    } else write('welcome', { listenerName });
    this.#streams.add(send);
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMilliseconds);
    const close = () => {
      if (!open) return;
      open = false;
      clearInterval(keepAlive);
      this.#streams.delete(send);
      this.#closers.delete(close);
      response.end();
    };
    this.#closers.add(close);
    request.on('close', close);
    response.on('close', close);
  }

  /** Ends every stream: their clients reconnect (to the next run, which answers `reset`). */
  close(): void {
    this.#stopListening();
    for (const close of [...this.#closers]) close();
  }
}

export function listenOptions(search: URLSearchParams): ListenOptions {
  const flag = (name: string, fallback: boolean) => {
    const value = search.get(name);
    return value === null ? fallback : value === 'true' || value === '1';
  };
  return {
    includeResult: flag('includeResult', true),
    includePreviousRevision: flag('includePreviousRevision', false),
    includeMutations: flag('includeMutations', true),
    includeAllVersions: flag('includeAllVersions', false),
    visibility: search.get('visibility') ?? 'query',
    effectFormat: search.get('effectFormat'),
    enableResume: flag('enableResume', false),
  };
}

/** The listener's query (`*[filter]`) as a test of one document, with the `$name` parameters. */
export function listenFilter(search: URLSearchParams): (doc: SanityDocument) => Promise<boolean> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of search) {
    if (!name.startsWith('$')) continue;
    try {
      Object.defineProperty(params, name.slice(1), { value: JSON.parse(value), enumerable: true });
    } catch {
      throw new BadRequest(`The parameter ${name} is not valid JSON`);
    }
  }
  let tree: ReturnType<typeof parse>;
  try {
    tree = parse(search.get('query') ?? '*', { params });
  } catch (error) {
    throw new BadRequest(`Invalid listener query: ${(error as Error).message}`, 'queryParseError');
  }
  return async (doc) => {
    const result = await (await evaluate(tree, { dataset: [doc], params })).get();
    return Array.isArray(result) ? result.length > 0 : Boolean(result);
  };
}

/**
 * The events one listener receives for one transaction. `transactionTotalEvents` counts the
 * events of the transaction *this listener* receives (`transactionCurrentEvent` is zero-based):
 * the Studio waits for that many before applying a transaction that touched several of its
 * documents.
 */
export async function transactionEvents(
  transaction: Transaction,
  options: ListenOptions,
  matches: (doc: SanityDocument) => Promise<boolean>,
  afterDocumentId?: string,
): Promise<Record<string, unknown>[]> {
  const matched: { change: DocumentChange; transition: Transition }[] = [];
  for (const change of transaction.changes) {
    if (!options.includeAllVersions && change.id.startsWith('versions.')) continue;
    const before = change.before !== null && (await matches(change.before));
    const after = change.after !== null && (await matches(change.after));
    if (!before && !after) continue;
    matched.push({ change, transition: before && after ? 'update' : after ? 'appear' : 'disappear' });
  }
  const events = matched.map(({ change, transition }, index) =>
    mutationEvent(transaction, change, transition, options, index, matched.length),
  );
  if (!afterDocumentId) return events;
  // Resuming inside a transaction: what follows the last event the client saw.
  const seen = events.findIndex((event) => event.documentId === afterDocumentId);
  return events.slice(seen + 1);
}

const effectsOf = new WeakMap<DocumentChange, ReturnType<typeof mendozaEffects>>();

function mutationEvent(
  transaction: Transaction,
  change: DocumentChange,
  transition: Transition,
  options: ListenOptions,
  current: number,
  total: number,
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    eventId: `${transaction.id}#${change.id}`,
    documentId: change.id,
    transactionId: transaction.id,
    transition,
    identity: transaction.identity,
    resultRev: transaction.id,
    timestamp: transaction.timestamp,
    visibility: options.visibility,
    transactionTotalEvents: total,
    transactionCurrentEvent: current,
  };
  if (change.before?._rev) event.previousRev = change.before._rev;
  if (options.includeMutations) event.mutations = change.mutations;
  if (options.includeResult && change.after) event.result = change.after;
  if (options.includePreviousRevision && change.before) event.previous = change.before;
  if (options.effectFormat === 'mendoza') {
    let effects = effectsOf.get(change);
    if (!effects) {
      effects = mendozaEffects(
        change.before && withoutRev(change.before),
        change.after && withoutRev(change.after),
      );
      effectsOf.set(change, effects);
    }
    event.effects = effects;
  }
  return event;
}
