import type { Registration } from '../registrations/registration.ts';
import { DynamoDbRegistrationStore } from '../registrations/registrationStore.ts';
import { type PersonalDataReader, type PersonalDataTables, withErasure } from './personalDataFinder.ts';
import { counted, deleteItems, itemsOf, keysByAddress } from './tableItems.ts';

/**
 * `Registrations`: every item of the address, across events, through the `byAddress` index
 * (the registration `REG#…`, its manage-link pointer `REGID#…`, a waiting-list place `WAIT#…`,
 * a held place in `HOLDS`).
 *
 * Erasing a registration to an event that has not ended is a cancellation first, by the same
 * path as the manage link's (`DynamoDbRegistrationStore.cancel`): the place goes back to the
 * counter and the first person waiting gets it (`promoteFromWaitingList`), so the organiser
 * loses no attendee to a ghost and nobody holds a seat for a person who asked to be forgotten.
 * The cancellation notice is not sent: the address is suppressed before. A registration to an
 * event that has ended is only deleted: the counter keeps the attendance (numbers, no person).
 */
const activeStatuses = new Set(['confirmed', 'waitlisted', 'pending']);

async function itemsOfAddress(target: PersonalDataTables, addressKey: string) {
  const tableName = target.tableName('registrations');
  const keys = await keysByAddress(target.dynamoDb, tableName, addressKey, ['pk', 'sk']);
  return { tableName, keys, items: await itemsOf(target.dynamoDb, tableName, keys) };
}

export const registrationReader: PersonalDataReader = {
  name: 'registrations',
  description:
    'Registrations to events (name, address, status, consent, a snapshot of the event; REGISTRATION_RETENTION_MONTHS after the event, 6 by default; 48 hours while pending) and their pointers, waiting-list places and held places, found by the byAddress index. Erasure cancels a registration to an event that has not ended (its place goes to the waiting list, as a cancellation), then deletes every item; the event’s counter keeps numbers only.',
  find: async (target, subject) => (await itemsOfAddress(target, subject.addressKey)).items,
};

export const registrationFinder = /* @__PURE__ */ withErasure(registrationReader, async (target, subject) => {
  const { tableName, items } = await itemsOfAddress(target, subject.addressKey);
  const store = new DynamoDbRegistrationStore(target.dynamoDb, tableName);
  const registrations = items.filter(
    (item) => typeof item.sk === 'string' && item.sk.startsWith('REG#'),
  ) as unknown as Registration[];
  let cancelled = 0;
  for (const registration of registrations) {
    const upcoming = new Date(registration.event.endsAt).getTime() > subject.now.getTime();
    if (upcoming && activeStatuses.has(registration.status)) {
      const was = await store.cancel(registration, subject.now);
      if (was !== 'gone' && was !== 'cancelled') cancelled++;
    }
  }
  // Read again: the cancellations deleted the waiting-list places and holds they released.
  const { keys } = await itemsOfAddress(target, subject.addressKey);
  const deleted = await deleteItems(target.dynamoDb, tableName, keys);
  return [
    `${counted(cancelled, 'upcoming registration')} cancelled (places given back to the waiting list)`,
    `${counted(deleted, 'registration item')} deleted`,
  ];
});
