import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { evaluate, parse } from 'groq-js';
import {
  applyMutation,
  type Mutation,
  MutationError,
  type MutationStep,
  type SanityDocument,
} from './contentLake/applyMutation.ts';

export {
  assertSafePath,
  type Mutation,
  MutationError,
  type SanityDocument,
} from './contentLake/applyMutation.ts';

/** One document a transaction changed: what it was, what it is (null: absent), and how. */
export interface DocumentChange {
  readonly id: string;
  readonly operation: 'create' | 'update' | 'delete';
  readonly before: SanityDocument | null;
  readonly after: SanityDocument | null;
  /** The transaction's mutations of this document, in order, as listeners receive them. */
  readonly mutations: readonly Mutation[];
}

/** A committed transaction, as the listeners and the webhook are told of it. */
export interface Transaction {
  readonly id: string;
  readonly timestamp: string;
  /** The user who made it (the `identity` of listener events). */
  readonly identity: string;
  readonly changes: readonly DocumentChange[];
}

/**
 * What a transaction is made of: mutations, or steps that make their mutations from the
 * documents as the transaction's earlier steps left them (the actions).
 */
export type TransactionStep =
  | Mutation
  | ((current: (id: string) => SanityDocument | null) => readonly Mutation[]);

export interface ApplyOptions {
  readonly identity?: string;
  /** Checks and answers the changes, commits nothing. */
  readonly dryRun?: boolean;
  /** Called with the changes before they are committed; throws to refuse them all. */
  readonly authorize?: (changes: readonly DocumentChange[]) => Promise<void> | void;
}

/** A revision id, shaped like the Content Lake's (22 characters). */
export const revision = (): string => randomUUID().replaceAll('-', '').slice(0, 22);

/** The identity of changes made without a Studio user (the functions, the tests). */
export const systemIdentity = '<system>';

/**
 * The documents of the local Content Lake stand-in. They start from the persisted file when
 * there is one (what editors changed in earlier runs), else from the dataset file; with a
 * persisted file, every transaction is written to it (NDJSON, temporary file then rename).
 */
export class ContentLakeDocuments {
  readonly #documents = new Map<string, SanityDocument>();
  readonly #persistFile: string | undefined;
  readonly #subscribers = new Set<(transaction: Transaction) => void>();
  #saving: Promise<void> = Promise.resolve();
  #nextSave: Promise<void> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Arrays groq-js evaluates over; rebuilt lazily after a transaction. */
  #raw: SanityDocument[] | undefined;
  #published: SanityDocument[] | undefined;
  /** Bumped by every transaction: lets readers cache what they derive from the documents. */
  generation = 0;

  constructor(options: { datasetFile: string; persistFile?: string | undefined }) {
    this.#persistFile = options.persistFile;
    const source =
      options.persistFile && existsSync(options.persistFile) ? options.persistFile : options.datasetFile;
    for (const line of readFileSync(source, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const doc = JSON.parse(line) as SanityDocument;
      this.#documents.set(doc._id, {
        _rev: revision(),
        _createdAt: '2026-11-01T00:00:00Z',
        _updatedAt: '2026-11-01T00:00:00Z',
        ...doc,
      });
    }
  }

  get size(): number {
    return this.#documents.size;
  }

  get(id: string): SanityDocument | undefined {
    return this.#documents.get(id);
  }

  /** Every document, drafts and versions included (the `raw` perspective). */
  all(): SanityDocument[] {
    this.#raw ??= [...this.#documents.values()];
    return this.#raw;
  }

  /** Published documents (no drafts, no versions), as queries see them by default. */
  published(): SanityDocument[] {
    this.#published ??= this.all().filter((doc) => !doc._id.includes('.'));
    return this.#published;
  }

  /** Calls `subscriber` with every committed transaction, in commit order; answers the unsubscribe. */
  subscribe(subscriber: (transaction: Transaction) => void): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /**
   * Applies a transaction: all its mutations or, if one is refused, none. Answers what changed
   * once it is saved. Its id is every changed document's new revision, as in the Content Lake.
   */
  apply(
    mutations: readonly TransactionStep[],
    transactionId: string,
    options: ApplyOptions = {},
  ): Promise<DocumentChange[]> {
    // One transaction at a time: each reads what the previous one committed.
    const applied = this.#queue.then(() => this.#apply(mutations, transactionId, options));
    this.#queue = applied.catch(() => undefined);
    return applied.then(async (changes) => {
      if (changes.length > 0 && !options.dryRun) await this.#save();
      return changes;
    });
  }

  async #apply(
    transactionSteps: readonly TransactionStep[],
    transactionId: string,
    options: ApplyOptions,
  ): Promise<DocumentChange[]> {
    const timestamp = new Date().toISOString();
    const staged = new Map<string, SanityDocument | null>();
    const steps = new Map<string, MutationStep[]>();
    const current = (id: string) => (staged.has(id) ? staged.get(id) : this.#documents.get(id)) ?? null;
    for (const transactionStep of transactionSteps) {
      const mutations = typeof transactionStep === 'function' ? transactionStep(current) : [transactionStep];
      for (const mutation of mutations) {
        for (const step of applyMutation(await this.#resolveQuery(mutation), timestamp, current)) {
          staged.set(step.id, step.after);
          steps.set(step.id, [...(steps.get(step.id) ?? []), step]);
        }
      }
    }
    const changes: DocumentChange[] = [];
    for (const [id, after] of staged) {
      const before = this.#documents.get(id) ?? null;
      if (!before && !after) continue;
      changes.push({
        id,
        operation: !after ? 'delete' : before ? 'update' : 'create',
        before,
        after: after && { ...after, _rev: transactionId, _updatedAt: timestamp },
        mutations: (steps.get(id) ?? []).map((step) => step.echo),
      });
    }
    await options.authorize?.(changes);
    if (options.dryRun) return changes;
    for (const change of changes) {
      if (change.after) this.#documents.set(change.id, change.after);
      else this.#documents.delete(change.id);
    }
    if (changes.length === 0) return changes;
    this.#raw = undefined;
    this.#published = undefined;
    this.generation += 1;
    const transaction = {
      id: transactionId,
      timestamp,
      identity: options.identity ?? systemIdentity,
      changes,
    };
    for (const subscriber of this.#subscribers) subscriber(transaction);
    return changes;
  }

  /** A patch or delete by query names the documents the query selects now. */
  async #resolveQuery(mutation: Mutation): Promise<Mutation> {
    const [kind, payload] = Object.entries(mutation)[0] ?? [];
    if (!kind || !payload || typeof payload.query !== 'string') return mutation;
    const params = (payload.params ?? {}) as Record<string, unknown>;
    let ids: unknown;
    try {
      ids = await (
        await evaluate(parse(`(${payload.query})._id`, { params }), { dataset: this.all(), params })
      ).get();
    } catch (error) {
      throw new MutationError(`Invalid query in ${kind}: ${(error as Error).message}`);
    }
    return { [kind]: { ...payload, ids: Array.isArray(ids) ? ids : [] } };
  }

  /**
   * Writes the documents once the write under way (if any) is done. Transactions committed
   * meanwhile share that next write: a burst of edits costs two writes, not one each.
   */
  #save(): Promise<void> {
    const file = this.#persistFile;
    if (!file) return Promise.resolve();
    this.#nextSave ??= this.#saving
      .catch(() => undefined)
      .then(async () => {
        this.#nextSave = undefined;
        const ndjson = [...this.#documents.values()].map((doc) => `${JSON.stringify(doc)}\n`).join('');
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, ndjson);
        await rename(temporary, file);
      });
    this.#saving = this.#nextSave;
    return this.#nextSave;
  }
}
