import { type PersonalDataReader, withErasure } from './personalDataFinder.ts';
import { counted, deleteItems, itemsOf, keysByAddress } from './tableItems.ts';

/**
 * `EventSubmissions`: the events the address submitted as an organiser's contact (its name,
 * address, phone, the organisation and the event), through the `byAddress` index. Erasure
 * deletes them; the drafts and published events in the Content Lake are the editors' content
 * (the private contact document `essaim-private.submission.<id>` is listed by `npm run gdpr`).
 */
export const eventSubmissionsReader: PersonalDataReader = {
  name: 'eventSubmissions',
  description:
    'Events submitted to a campaign with this address as the contact (name, address, phone, organisation, event, consent; a year after the campaign’s last day), found by the byAddress index. Erased; the Content Lake’s copy of the contact (`essaim-private.submission.*`) is listed by `npm run gdpr` for the editors.',
  async find(target, subject) {
    const tableName = target.tableName('eventSubmissions');
    const keys = await keysByAddress(target.dynamoDb, tableName, subject.addressKey, ['pk']);
    // An edit may have changed the address since the index was written: only the address's own.
    const items = await itemsOf(target.dynamoDb, tableName, keys);
    return items.filter((item) => item.addressKey === subject.addressKey);
  },
};

export const eventSubmissionsFinder = /* @__PURE__ */ withErasure(
  eventSubmissionsReader,
  async (target, subject) => {
    const tableName = target.tableName('eventSubmissions');
    const items = (await eventSubmissionsReader.find(target, subject)) as Record<string, unknown>[];
    const deleted = await deleteItems(
      target.dynamoDb,
      tableName,
      items.map(({ pk }) => ({ pk })),
    );
    return [`${counted(deleted, 'event submission')} deleted`];
  },
);
