import { randomUUID } from 'node:crypto';
import { Mutation as SanityMutation } from '@sanity/mutator';

export type SanityDocument = Record<string, unknown> & { _id: string; _type: string; _rev?: string };
/** One mutation of the Content Lake's HTTP API: `{ create: {…} }`, `{ patch: {…} }`, `{ delete: {…} }`… */
export type Mutation = Record<string, Record<string, unknown>>;

/** A mutation the Content Lake would refuse: 400, or 409 for a revision or existence conflict. */
export class MutationError extends Error {
  readonly status: 400 | 409;

  constructor(message: string, status: 400 | 409 = 400) {
    super(message);
    this.status = status;
  }
}

/** One step of a transaction on one document, with what listeners are told about it. */
export interface MutationStep {
  readonly id: string;
  readonly after: SanityDocument | null;
  /** The mutation as listeners receive it (a create carries the document it made). */
  readonly echo: Mutation;
}

/**
 * Identifiers that would reach an object's prototype instead of a document's field, and the
 * recursive descent `..` (refused rather than guessed at).
 */
const unsafePath = /(^|[^\w$])(__proto__|constructor|prototype)($|[^\w$])|\.\.|^\.|\.$/;

export function assertSafePath(path: string): void {
  if (unsafePath.test(String(path)))
    throw new MutationError(`Invalid path "${path}": it may not name a prototype or be empty`);
}

const patchOperations = ['set', 'setIfMissing', 'diffMatchPatch', 'inc', 'dec'] as const;

function assertSafePatch(patch: Record<string, unknown>): void {
  for (const operation of patchOperations) {
    const paths = patch[operation];
    if (paths === undefined) continue;
    if (typeof paths !== 'object' || paths === null || Array.isArray(paths))
      throw new MutationError(`A patch's ${operation} must be an object of paths`);
    for (const path of Object.keys(paths)) assertSafePath(path);
  }
  if (patch.unset !== undefined) {
    if (!Array.isArray(patch.unset)) throw new MutationError("A patch's unset must be an array of paths");
    for (const path of patch.unset) assertSafePath(String(path));
  }
  if (patch.insert !== undefined) {
    const insert = patch.insert as Record<string, unknown>;
    const at = insert.before ?? insert.after ?? insert.replace;
    if (typeof at !== 'string' || !Array.isArray(insert.items))
      throw new MutationError('An insert needs before, after or replace and items');
    assertSafePath(at);
  }
}

/**
 * Applies one mutation to the current state of its document (null: absent) and answers the
 * step, or undefined when it changes nothing (createIfNotExists over an existing document).
 * Patches are applied by `@sanity/mutator`, the code the Studio applies them with, so the
 * Studio's optimistic copy and the stored document agree.
 */
export function applyMutation(
  mutation: Mutation,
  timestamp: string,
  current: (id: string) => SanityDocument | null,
): MutationStep[] {
  const entries = Object.entries(mutation);
  const [kind, payload] = entries[0] ?? [];
  if (entries.length !== 1 || !kind || !payload || typeof payload !== 'object')
    throw new MutationError('Empty or malformed mutation');
  if (kind === 'create' || kind === 'createOrReplace' || kind === 'createIfNotExists') {
    const doc = payload as SanityDocument;
    if (typeof doc._type !== 'string' || !doc._type)
      throw new MutationError(`A ${kind} mutation needs a document with a _type`);
    const id = typeof doc._id === 'string' && doc._id && !doc._id.endsWith('.') ? doc._id : newId(doc._id);
    const before = current(id);
    if (before && kind === 'createIfNotExists') return [];
    if (before && kind === 'create') throw new MutationError(`Document "${id}" already exists`, 409);
    const { _rev, ...fields } = structuredClone(doc);
    const after = {
      ...fields,
      _id: id,
      _createdAt: before?._createdAt ?? fields._createdAt ?? timestamp,
      _updatedAt: timestamp,
    } as SanityDocument;
    return [{ id, after, echo: { [before ? 'createOrReplace' : 'create']: withoutRev(after) } }];
  }
  if (kind === 'patch' || kind === 'delete') {
    const ids = targetIds(payload);
    return ids.flatMap((id) => {
      const before = current(id);
      if (kind === 'delete') return before ? [{ id, after: null, echo: { delete: { id } } }] : [];
      return [patchStep(id, payload, before, timestamp)];
    });
  }
  throw new MutationError(`Unsupported mutation "${kind}"`);
}

function patchStep(
  id: string,
  payload: Record<string, unknown>,
  before: SanityDocument | null,
  timestamp: string,
): MutationStep {
  if (!before) throw new MutationError(`Document "${id}" not found`, 409);
  const { id: _id, ids: _ids, query: _query, params: _params, ifRevisionID, ...patch } = payload;
  if (ifRevisionID !== undefined && ifRevisionID !== before._rev)
    throw new MutationError(
      `Document "${id}" has unexpected revision ID ("${before._rev}"), expected "${String(ifRevisionID)}"`,
      409,
    );
  assertSafePatch(patch);
  let after: SanityDocument | null;
  try {
    after = new SanityMutation({ mutations: [{ patch: { ...patch, id } }] }).apply(
      before as never,
    ) as SanityDocument | null;
  } catch (error) {
    throw new MutationError(`Cannot apply the patch to "${id}": ${(error as Error).message}`);
  }
  if (!after) throw new MutationError(`The patch removed document "${id}"`);
  return {
    id,
    after: { ...after, _id: id, _updatedAt: timestamp },
    echo: { patch: { ...patch, id } },
  };
}

/** A patch or delete names one document by `id`; a `query` selects several (resolved by the caller). */
function targetIds(payload: Record<string, unknown>): string[] {
  if (Array.isArray(payload.ids)) return payload.ids.map(String);
  if (typeof payload.id === 'string' && payload.id) return [payload.id];
  throw new MutationError('A patch or delete needs a document id');
}

/** Ids the lake makes up: a random one, kept under the given prefix (`drafts.`) when there is one. */
function newId(prefix: unknown): string {
  const base = randomUUID();
  return typeof prefix === 'string' && prefix.endsWith('.') ? `${prefix}${base}` : base;
}

export function withoutRev(doc: SanityDocument): Omit<SanityDocument, '_rev'> {
  const { _rev, ...rest } = doc;
  return rest;
}
