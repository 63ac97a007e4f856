import type { SanityDocument } from './applyMutation.ts';

/**
 * What a query sees, by the `perspective` parameter, as the Content Lake answers it:
 * - `raw`: every document, drafts (`drafts.x`) and release versions (`versions.r.x`) included;
 * - `published`: published documents only;
 * - `drafts` (formerly `previewDrafts`): each document as its draft if it has one, else as
 *   published, under the published id, with `_originalId` naming the document it comes from;
 * - a list of release names (`rSummer,drafts`): the same overlay, the first listed winning.
 * Without the parameter, API versions from v2025-02-19 see `published`; older ones `raw`.
 */
export function perspectiveDocuments(
  all: readonly SanityDocument[],
  perspective: string | null,
  apiVersion: string,
): readonly SanityDocument[] {
  const chosen = perspective?.trim() || (defaultsToPublished(apiVersion) ? 'published' : 'raw');
  if (chosen === 'raw') return all;
  const layers = chosen
    .split(',')
    .map((layer) => (layer.trim() === 'previewDrafts' ? 'drafts' : layer.trim()))
    .filter((layer) => layer && layer !== 'published');
  if (layers.length === 0) return all.filter((doc) => bundleOf(doc._id) === 'published');
  const rank = (bundle: string) => (bundle === 'published' ? layers.length : layers.indexOf(bundle));
  const chosenByPublishedId = new Map<string, SanityDocument>();
  for (const doc of all) {
    const bundle = bundleOf(doc._id);
    if (rank(bundle) < 0) continue;
    const publishedId = publishedIdOf(doc._id);
    const current = chosenByPublishedId.get(publishedId);
    if (!current || rank(bundle) < rank(bundleOf(current._id))) chosenByPublishedId.set(publishedId, doc);
  }
  return [...chosenByPublishedId.values()].map((doc) => ({
    ...doc,
    _id: publishedIdOf(doc._id),
    _originalId: doc._id,
  }));
}

/** `published`, `drafts`, or the release name of a `versions.<release>.<id>` document. */
export function bundleOf(id: string): string {
  if (id.startsWith('drafts.')) return 'drafts';
  if (id.startsWith('versions.')) return id.split('.')[1] ?? 'published';
  return 'published';
}

export function publishedIdOf(id: string): string {
  if (id.startsWith('drafts.')) return id.slice('drafts.'.length);
  if (id.startsWith('versions.')) return id.split('.').slice(2).join('.');
  return id;
}

/** `vX` (experimental) and dated versions from 2025-02-19 on read published documents by default. */
function defaultsToPublished(apiVersion: string): boolean {
  const version = apiVersion.replace(/^v/, '');
  return version === 'X' || version >= '2025-02-19';
}
