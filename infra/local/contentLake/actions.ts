import type { TransactionStep } from '../contentLakeDocuments.ts';
import { type Mutation, MutationError, type SanityDocument, withoutRev } from './applyMutation.ts';
import { publishedIdOf } from './perspective.ts';

type Action = Record<string, unknown> & { actionType?: unknown };
type Current = (id: string) => SanityDocument | null;

/**
 * The document actions of `POST /data/actions/:dataset` (what the Studio sends to create,
 * edit, publish, unpublish, discard and delete), each made into the mutations the Content
 * Lake performs for it, from the documents as the transaction's earlier actions left them.
 * Release and variant actions are refused: the local stand-in has no releases.
 */
export function actionSteps(actions: unknown): TransactionStep[] {
  if (!Array.isArray(actions) || actions.length === 0)
    throw new MutationError('`actions` must be a non-empty array');
  return actions.map((action: Action) => {
    if (typeof action !== 'object' || action === null) throw new MutationError('An action must be an object');
    const perform = performers[String(action.actionType)];
    if (!perform)
      throw new MutationError(
        `The action "${String(action.actionType)}" is not supported by the local Content Lake`,
      );
    return (current: Current) => perform(action, current);
  });
}

const performers: Record<string, (action: Action, current: Current) => Mutation[]> = {
  'sanity.action.document.create': (action, current) => {
    const publishedId = idOf(action, 'publishedId');
    const attributes = documentOf(action, 'attributes');
    const id = versionIdOf(
      typeof attributes._id === 'string' ? attributes._id : `drafts.${publishedId}`,
      publishedId,
    );
    if (current(publishedId)) throw conflict(`Document "${publishedId}" is already published`);
    if (current(id)) {
      if (action.ifExists === 'ignore') return [];
      throw conflict(`Document "${id}" already exists`);
    }
    return [{ create: { ...attributes, _id: id } }];
  },
  'sanity.action.document.edit': (action, current) => {
    const publishedId = idOf(action, 'publishedId');
    const draftId = versionIdOf(idOf(action, 'draftId'), publishedId);
    const patch = action.patch;
    if (typeof patch !== 'object' || patch === null) throw new MutationError('An edit needs a patch');
    return [...ensureDraft(draftId, publishedId, current), { patch: { ...patch, id: draftId } }];
  },
  'sanity.action.document.publish': (action, current) => {
    const publishedId = idOf(action, 'publishedId');
    const draftId = versionIdOf(idOf(action, 'draftId'), publishedId);
    const draft = current(draftId);
    if (!draft) throw conflict(`Cannot publish: draft "${draftId}" does not exist`);
    if (action.ifDraftRevisionId !== undefined && action.ifDraftRevisionId !== draft._rev)
      throw conflict(`Draft "${draftId}" has unexpected revision ID ("${draft._rev}")`);
    const published = current(publishedId);
    if (action.ifPublishedRevisionId !== undefined && action.ifPublishedRevisionId !== published?._rev)
      throw conflict(`Document "${publishedId}" has unexpected revision ID ("${published?._rev}")`);
    const { _updatedAt, ...fields } = withoutRev(draft);
    const document = strengthenOnPublish({ ...fields, _id: publishedId }) as Record<string, unknown>;
    return [{ createOrReplace: document }, { delete: { id: draftId } }] as Mutation[];
  },
  'sanity.action.document.unpublish': (action, current) => {
    const publishedId = idOf(action, 'publishedId');
    const draftId = versionIdOf(idOf(action, 'draftId'), publishedId);
    if (!current(publishedId)) throw conflict(`Cannot unpublish: "${publishedId}" is not published`);
    return [...ensureDraft(draftId, publishedId, current), { delete: { id: publishedId } }];
  },
  'sanity.action.document.discard': (action, current) => discard(idOf(action, 'draftId'), current),
  'sanity.action.document.version.discard': (action, current) => discard(idOf(action, 'versionId'), current),
  'sanity.action.document.delete': (action, current) => {
    const publishedId = idOf(action, 'publishedId');
    const drafts = Array.isArray(action.includeDrafts) ? action.includeDrafts.map(String) : [];
    for (const id of drafts) versionIdOf(id, publishedId);
    if (!current(publishedId)) throw conflict(`Cannot delete: "${publishedId}" is not published`);
    const draftId = `drafts.${publishedId}`;
    if (current(draftId) && !drafts.includes(draftId))
      throw conflict(`Cannot delete "${publishedId}": its draft exists and is not in includeDrafts`);
    return [
      { delete: { id: publishedId } },
      ...drafts.filter((id) => current(id)).map((id) => ({ delete: { id } })),
    ];
  },
  'sanity.action.document.replaceDraft': (action, current) => {
    const publishedId = idOf(action, 'publishedId');
    const attributes = documentOf(action, 'attributes');
    const id = versionIdOf(
      typeof attributes._id === 'string' ? attributes._id : `drafts.${publishedId}`,
      publishedId,
    );
    if (!current(id) && !current(publishedId))
      throw conflict(
        `Cannot replace the draft of "${publishedId}": neither draft nor published document exists`,
      );
    return [{ createOrReplace: { ...attributes, _id: id } }];
  },
  'sanity.action.document.version.create': (action, current) => {
    const publishedId = idOf(action, 'publishedId');
    if (action.document !== undefined) {
      const document = documentOf(action, 'document');
      const id = versionIdOf(String(document._id ?? ''), publishedId);
      if (current(id)) throw conflict(`Document "${id}" already exists`);
      return [{ create: { ...document, _id: id } }];
    }
    const versionId = versionIdOf(idOf(action, 'versionId'), publishedId);
    const baseId = idOf(action, 'baseId');
    const base = current(baseId);
    if (!base) throw conflict(`Cannot create a version: "${baseId}" does not exist`);
    if (action.ifBaseRevisionId !== undefined && action.ifBaseRevisionId !== base._rev)
      throw conflict(`Document "${baseId}" has unexpected revision ID ("${base._rev}")`);
    if (current(versionId)) throw conflict(`Document "${versionId}" already exists`);
    return [{ create: { ...withoutRev(base), _id: versionId } }];
  },
  'sanity.action.document.version.replace': (action, current) => {
    const document = documentOf(action, 'document');
    const id = String(document._id ?? '');
    versionIdOf(id, publishedIdOf(id));
    if (!current(id)) throw conflict(`Cannot replace "${id}": it does not exist`);
    return [{ createOrReplace: document }];
  },
};

/** An edit or unpublish of a document without a draft starts one from the published document. */
function ensureDraft(draftId: string, publishedId: string, current: Current): Mutation[] {
  if (current(draftId)) return [];
  const published = current(publishedId);
  if (!published) throw conflict(`Neither "${draftId}" nor "${publishedId}" exists`);
  return [{ create: { ...withoutRev(published), _id: draftId } }];
}

function discard(id: string, current: Current): Mutation[] {
  versionIdOf(id, publishedIdOf(id));
  if (!current(id)) throw conflict(`Cannot discard "${id}": it does not exist`);
  return [{ delete: { id } }];
}

const conflict = (message: string) => new MutationError(message, 409);

function idOf(action: Action, field: string): string {
  const value = action[field];
  if (typeof value !== 'string' || !value) throw new MutationError(`The action needs a ${field}`);
  return value;
}

function documentOf(action: Action, field: string): Record<string, unknown> {
  const value = action[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MutationError(`The action needs a document in ${field}`);
  return value as Record<string, unknown>;
}

/** A draft (`drafts.<id>`) or release version (`versions.<release>.<id>`) of the published id. */
function versionIdOf(id: string, publishedId: string): string {
  if (id === publishedId || publishedIdOf(id) !== publishedId || !id.includes('.'))
    throw new MutationError(`"${id}" is not a draft or version id of "${publishedId}"`);
  return id;
}

/** As the Studio does on publish: references to drafts made strong, their markers dropped. */
export function strengthenOnPublish(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strengthenOnPublish);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const marker = object._strengthenOnPublish as { weak?: boolean } | undefined;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) {
    if (
      typeof object._ref === 'string' &&
      marker &&
      (key === '_strengthenOnPublish' || (key === '_weak' && !marker.weak))
    )
      continue;
    result[key] = strengthenOnPublish(field);
  }
  return result;
}
