import { createHash } from 'node:crypto';
import type { SanityDocument } from '../submissions/contentLakeWrites.ts';
import { entryIdOfDocument } from './directoryEntry.ts';

/**
 * The editors' decisions on an entry its member is told of, « Publier » and « Refuser » (« Marquer
 * prêt » tells nobody), as for submitted events (`functions/submissions/moderationDecisions.ts`):
 * the Studio publishes a small `directoryDecision` request in the same transaction as the
 * decision; the request only says which entry to look at, and the entry (read back with the robot
 * token, drafts included) must bear the decision, or nobody is told.
 */
export type DirectoryDecision = 'published' | 'refused';

export interface ConfirmedDirectoryDecision {
  readonly decision: DirectoryDecision;
  /** The entry's id in the `DirectoryEntries` table (`ENTRY#<id>`). */
  readonly entryId: string;
  readonly organization: string;
  /** The refusal's reason as the editor chose or wrote it; null for a publication. */
  readonly reason: string | null;
}

type EntryDocument = SanityDocument & {
  organization?: string;
  moderation?: { state?: string; entryVersion?: number; refusalReason?: string };
};

/**
 * What the entry says of the decision: a publication is the published document in « Publié »; a
 * refusal is the draft (or, without one, the published document) in « Refusé » with its reason.
 * Only a member's entry (an id the backend derives, a version it wrote): an editor's own entry
 * has nobody to tell.
 */
export function confirmDirectoryDecision(
  decision: string | null | undefined,
  documentId: string,
  documents: ReadonlyMap<string, SanityDocument>,
): ConfirmedDirectoryDecision | null {
  const id = documentId.replace(/^drafts\./, '');
  const entryId = entryIdOfDocument(id);
  const published = documents.get(id) as EntryDocument | undefined;
  const draft = documents.get(`drafts.${id}`) as EntryDocument | undefined;
  const entry = decision === 'published' ? published : (draft ?? published);
  const moderation = entry?.moderation;
  if (!entryId || !entry || moderation?.entryVersion === undefined) return null;
  const organization = entry.organization ?? '';
  if (decision === 'published' && moderation.state === 'published') {
    return { decision, entryId, organization, reason: null };
  }
  const reason = moderation.refusalReason?.trim();
  if (decision === 'refused' && moderation.state === 'refused' && reason) {
    return { decision, entryId, organization, reason };
  }
  return null;
}

/**
 * One mail per decision and entry: a publication once (publishing an edit again tells nothing
 * new), a refusal once per reason. `requestedAt` tells the entries of an address apart: one
 * deleted then asked for again is a new entry under the same id, and is told again.
 */
export function directoryDecisionKey(decision: ConfirmedDirectoryDecision, requestedAt: string): string {
  const entry = `${decision.entryId}#${requestedAt}`;
  if (decision.decision === 'published') return `${entry}#published`;
  const reason = createHash('sha256')
    .update(decision.reason ?? '')
    .digest('hex')
    .slice(0, 16);
  return `${entry}#refused#${reason}`;
}
