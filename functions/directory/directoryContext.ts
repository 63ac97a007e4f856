import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import type { DirectoryEntry } from './directoryEntry.ts';
import { verifyDirectoryToken } from './directoryLinks.ts';
import { DynamoDbDirectoryStore } from './directoryStore.ts';
import './directoryMessages.ts';

/** What the routes share: the table, the entry a link designates, and their refusals. */

export const directoryStore = new DynamoDbDirectoryStore(
  dynamoDbDocumentClient(),
  tableNameOf('directoryEntries'),
);

/** The `404` of a link that is not one of ours, voided, or whose entry is gone: it reveals nothing more. */
export const invalidDirectoryLink = (): ProblemError =>
  new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'directory.linkInvalid' });

/** The `404` of a public id that designates no published entry. */
export const unknownDirectoryEntry = (id: string): ProblemError =>
  new ProblemError({
    status: 404,
    title: 'problem.notFound.title',
    detail: 'directory.entryNotFound',
    params: { id: id.slice(0, 100) },
  });

/** The entry a member's signed link designates (pending or confirmed), or a `404`. */
export async function entryOfLink(token: string, now: Date): Promise<DirectoryEntry> {
  const link = verifyDirectoryToken(token, await tokenKeyRing(), now);
  const entry = link ? await directoryStore.get(link.entryId) : undefined;
  if (!entry || entry.linkNonce !== link?.linkNonce) throw invalidDirectoryLink();
  return entry;
}
