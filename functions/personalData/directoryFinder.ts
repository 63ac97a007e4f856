import { type PersonalDataReader, withErasure } from './personalDataFinder.ts';
import { counted, deleteItems, itemsOf, keysByAddress } from './tableItems.ts';

/**
 * `DirectoryEntries`: the address's entry in the member directory (`ENTRY#`: its address, the
 * profile, the consents) and the messages it sent members that are not mailed yet (`CONTACT#`),
 * through the `byAddress` index. Erasure deletes them; the entry's documents in the Content Lake
 * (draft and published) follow within seconds, deleted by the directory's stream worker on the
 * removal (`functions/directory/writeDirectoryDocuments.ts`), as when a member deletes the entry.
 */
export const directoryEntriesReader: PersonalDataReader = {
  name: 'directoryEntries',
  description:
    'The member directory: the entry asked for with this address (the address, never public; name, organisation, role, region, sectors, families, what is offered and sought, public e-mail, links; the consent of each public field; pending 48 hours, then three years after the last confirmation or edit) and messages this address sent members not mailed yet (48 hours at most), found by the byAddress index. Erased; the entry’s documents in the Content Lake are deleted with it.',
  async find(target, subject) {
    const tableName = target.tableName('directoryEntries');
    const keys = await keysByAddress(target.dynamoDb, tableName, subject.addressKey, ['pk']);
    const items = await itemsOf(target.dynamoDb, tableName, keys);
    return items.filter((item) => item.addressKey === subject.addressKey);
  },
};

export const directoryEntriesFinder = /* @__PURE__ */ withErasure(
  directoryEntriesReader,
  async (target, subject) => {
    const tableName = target.tableName('directoryEntries');
    const items = (await directoryEntriesReader.find(target, subject)) as Record<string, unknown>[];
    const entries = items.filter((item) => String(item.pk).startsWith('ENTRY#')).length;
    await deleteItems(
      target.dynamoDb,
      tableName,
      items.map(({ pk }) => ({ pk })),
    );
    return [
      `${counted(entries, 'directory entry')} deleted (with their documents in the Content Lake), ${counted(items.length - entries, 'message')} to members deleted`,
    ];
  },
);
