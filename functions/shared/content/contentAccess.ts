import type { Access } from '../../manifest.ts';

/**
 * The access of a function that reads Sanity content, plus its own: the content revision
 * (ContentChanges table) tells it when its cache is stale.
 */
export function readsContent(own: Access = {}): Access {
  return { ...own, readsContent: true, tables: { contentChanges: 'read', ...own.tables } };
}
