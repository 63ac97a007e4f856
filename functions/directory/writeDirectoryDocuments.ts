import { streamWorker } from '../shared/workers/workers.ts';
import { documentsById, type Mutation, mutate, queryWithDrafts } from '../submissions/contentLakeWrites.ts';
import { type DirectoryEntry, directoryDocumentId, directoryDraftOf } from './directoryEntry.ts';

/**
 * The mutations this worker applies: the submissions' (`contentLakeWrites.ts`), and deletions,
 * which the data API takes as well (a missing document is no error).
 */
type DocumentMutation = Mutation | { readonly delete: { readonly id: string } };

/** The version of an entry a document holds (the draft's or the published one's). */
const versionIn = (document: Record<string, unknown> | undefined): number =>
  (document?.moderation as { entryVersion?: number } | undefined)?.entryVersion ?? 0;

/**
 * What the Content Lake must hold after a record of the `DirectoryEntries` table (pure):
 * - an entry removed (by its member, an erasure, or its TTL): neither draft nor published document,
 *   nor the editors' decision requests about it (`decisionRequests`: they would outlive it);
 * - a confirmed entry, newly or at a new version: its draft « À modérer » for the editors, unless
 *   a document already holds that version (a replayed record), the published one included.
 */
export function documentMutations(
  newImage: DirectoryEntry | undefined,
  oldImage: DirectoryEntry | undefined,
  existing: ReadonlyMap<string, Record<string, unknown>>,
  decisionRequests: readonly string[] = [],
): DocumentMutation[] {
  const entry = newImage ?? oldImage;
  if (!entry) return [];
  const publishedId = directoryDocumentId(entry.id);
  const draftId = `drafts.${publishedId}`;
  if (!newImage) return [draftId, publishedId, ...decisionRequests].map((id) => ({ delete: { id } }));
  if (newImage.status !== 'confirmed') return [];
  const changed = oldImage?.status !== 'confirmed' || oldImage.version < newImage.version;
  const written = Math.max(versionIn(existing.get(draftId)), versionIn(existing.get(publishedId)));
  if (!changed || written >= newImage.version) return [];
  return [{ createOrReplace: directoryDraftOf(newImage) }];
}

/**
 * Stream worker of the `DirectoryEntries` table's entries: writes each confirmed version as a
 * draft for the editors (publishing it in the Studio is their approval; a published version
 * stays online until they publish an edit), and deletes both documents when the entry goes. In
 * stream order, so that versions and the deletion follow each other. The robot token only.
 */
export const handler = streamWorker<DirectoryEntry>({
  name: 'writeDirectoryDocuments',
  inOrder: true,
  handle: async ({ newImage, oldImage, log }) => {
    const entry = newImage ?? oldImage;
    if (!entry) return;
    const publishedId = directoryDocumentId(entry.id);
    const existing = newImage ? await documentsById([`drafts.${publishedId}`, publishedId]) : new Map();
    const requests = newImage
      ? []
      : await queryWithDrafts<string[]>('*[_type == "directoryDecision" && entry._ref == $id]._id', {
          id: publishedId,
        });
    const mutations = documentMutations(newImage, oldImage, existing, requests);
    if (mutations.length > 0) await mutate(mutations as readonly Mutation[]);
    log.info('Directory documents written', {
      entryId: entry.id,
      removed: newImage === undefined,
      mutations: mutations.length,
    });
  },
});
