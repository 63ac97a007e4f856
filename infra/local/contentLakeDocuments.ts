import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

export type SanityDocument = Record<string, unknown> & { _id: string; _type: string; _rev?: string };
export type Mutation = Record<string, Record<string, unknown>>;

/** One document a transaction changed: what it was and what it is (null: absent). */
export interface DocumentChange {
  readonly id: string;
  readonly operation: 'create' | 'update' | 'delete';
  readonly before: SanityDocument | null;
  readonly after: SanityDocument | null;
}

/** A mutation the Content Lake would refuse (HTTP 400), never a server error. */
export class MutationError extends Error {}

/** Path segments that would reach an object's prototype instead of a document's field. */
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);

export const revision = (): string => randomUUID().replaceAll('-', '').slice(0, 22);

/**
 * The documents of the local Content Lake stand-in. They start from the persisted file when
 * there is one (what editors changed in earlier runs), else from the dataset file; with a
 * persisted file, every transaction is written to it (NDJSON, temporary file then rename).
 */
export class ContentLakeDocuments {
  readonly #documents = new Map<string, SanityDocument>();
  readonly #persistFile: string | undefined;
  #saving: Promise<void> = Promise.resolve();
  /** The array groq-js evaluates over; rebuilt only after a transaction. */
  #published: SanityDocument[] = [];

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
    this.#refresh();
  }

  get size(): number {
    return this.#documents.size;
  }

  get(id: string): SanityDocument | undefined {
    return this.#documents.get(id);
  }

  /** Published documents (no drafts), as queries see them. */
  published(): SanityDocument[] {
    return this.#published;
  }

  /**
   * Applies a transaction: all its mutations or, if one is refused, none. Answers what changed
   * once it is saved.
   */
  async apply(mutations: readonly Mutation[], rev: string): Promise<DocumentChange[]> {
    const staged = new Map<string, SanityDocument | null>();
    const current = (id: string) => (staged.has(id) ? staged.get(id) : this.#documents.get(id)) ?? null;
    const changes: DocumentChange[] = [];
    for (const mutation of mutations) {
      const change = applyMutation(mutation, rev, current);
      if (!change) continue;
      staged.set(change.id, change.after);
      changes.push(change);
    }
    for (const [id, doc] of staged) {
      if (doc) this.#documents.set(id, doc);
      else this.#documents.delete(id);
    }
    this.#refresh();
    if (staged.size > 0) await this.#save();
    return changes;
  }

  #refresh(): void {
    this.#published = [...this.#documents.values()].filter((doc) => !doc._id.startsWith('drafts.'));
  }

  #save(): Promise<void> {
    const file = this.#persistFile;
    if (!file) return Promise.resolve();
    const ndjson = [...this.#documents.values()].map((doc) => `${JSON.stringify(doc)}\n`).join('');
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(async () => {
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, ndjson);
        await rename(temporary, file);
      });
    return this.#saving;
  }
}

function applyMutation(
  mutation: Mutation,
  rev: string,
  current: (id: string) => SanityDocument | null,
): DocumentChange | undefined {
  const [kind, payload] = Object.entries(mutation)[0] ?? [];
  if (!kind || !payload || typeof payload !== 'object')
    throw new MutationError('Empty or malformed mutation');
  const now = new Date().toISOString();
  if (kind === 'create' || kind === 'createOrReplace' || kind === 'createIfNotExists') {
    const doc = payload as SanityDocument;
    const id = typeof doc._id === 'string' && doc._id ? doc._id : randomUUID();
    const before = current(id);
    if (before && kind === 'createIfNotExists') return undefined;
    if (before && kind === 'create') throw new MutationError(`Document ${id} already exists`);
    const after = { ...doc, _id: id, _rev: rev, _createdAt: before?._createdAt ?? now, _updatedAt: now };
    return { id, operation: before ? 'update' : 'create', before, after };
  }
  const id = payload.id;
  if (typeof id !== 'string') throw new MutationError(`A ${kind} mutation needs a document id`);
  const before = current(id);
  if (kind === 'delete') return { id, operation: 'delete', before, after: null };
  if (kind !== 'patch') throw new MutationError(`Unsupported mutation ${kind}`);
  if (!before) throw new MutationError(`Document ${id} not found`);
  const after: SanityDocument = structuredClone(before);
  for (const [path, value] of Object.entries((payload.setIfMissing ?? {}) as Record<string, unknown>)) {
    if (getPath(after, path) === undefined) setPath(after, path, value);
  }
  for (const [path, value] of Object.entries((payload.set ?? {}) as Record<string, unknown>))
    setPath(after, path, value);
  for (const path of (payload.unset ?? []) as string[]) setPath(after, path, undefined);
  Object.assign(after, { _rev: rev, _updatedAt: now });
  return { id, operation: 'update', before, after };
}

/** A patch path's segments (`venue.city`), refusing those that lead out of the document. */
function segmentsOf(path: string): string[] {
  const segments = String(path).split('.');
  const forbidden = segments.find((segment) => forbiddenSegments.has(segment) || segment === '');
  if (forbidden !== undefined)
    throw new MutationError(`Invalid path "${path}": segment "${forbidden}" is not allowed`);
  return segments;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const key of segmentsOf(path))
    value = isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  return value;
}

export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = segmentsOf(path);
  let target = doc;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(target, key)) {
      if (value === undefined) return;
      target[key] = {};
    }
    const next = target[key];
    if (!isObject(next)) throw new MutationError(`Invalid path "${path}": "${key}" is not an object`);
    target = next;
  }
  const last = keys.at(-1) as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
}
