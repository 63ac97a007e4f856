import { type PersonalDataReader, withErasure } from './personalDataFinder.ts';
import { counted, deleteItems, itemsOf, keysByAddress } from './tableItems.ts';

/**
 * `PersonalDataRequests`: the self-service requests of the address (the address, its keyed
 * hash, what was asked, when), through the `byAddress` index. Erasure deletes them all but the
 * erasure request being carried out, whose worker drops the address once its mail is sent.
 */
export const personalDataRequestsReader: PersonalDataReader = {
  name: 'personalDataRequests',
  description:
    'Requests made from the visitor pages to receive or erase one’s data (address, keyed hash, kind, dates; a day after the link lapses at most; the address is dropped once the request is carried out), found by the byAddress index. Erased, but for the erasure request being carried out.',
  async find(target, subject) {
    const tableName = target.tableName('personalDataRequests');
    const keys = await keysByAddress(target.dynamoDb, tableName, subject.addressKey, ['pk']);
    // The index lags a little: a request done a moment ago (its address dropped) is not the person's any more.
    const items = await itemsOf(target.dynamoDb, tableName, keys);
    return items.filter((item) => item.addressKey === subject.addressKey);
  },
};

export const personalDataRequestsFinder = /* @__PURE__ */ withErasure(
  personalDataRequestsReader,
  async (target, subject) => {
    const tableName = target.tableName('personalDataRequests');
    const keys = await keysByAddress(target.dynamoDb, tableName, subject.addressKey, ['pk']);
    const inProgress = subject.erasureRequestId ? `REQUEST#${subject.erasureRequestId}` : undefined;
    const others = keys.filter((key) => key.pk !== inProgress);
    const deleted = await deleteItems(target.dynamoDb, tableName, others);
    return [
      `${counted(deleted, 'request')} deleted${others.length < keys.length ? ' (the erasure under way drops its address once it has mailed)' : ''}`,
    ];
  },
);
