import { withdrawParticipant } from '../meetings/meetingGridWrites.ts';
import { type PersonalDataReader, type PersonalDataTables, withErasure } from './personalDataFinder.ts';
import { counted, itemsOf, keysByAddress } from './tableItems.ts';

/**
 * `BusinessMeetings`: the address's registrations to business-meeting events (`PART#`: side,
 * name, organisation, what they offer or seek, available slots, wishes, address), through the
 * `byAddress` index. The grid's meetings name participants by id only. Erasure cancels the
 * participant's meetings still scheduled (the stream tells the other participant, as for an
 * organiser's cancellation), after deleting the registrations: the erased address is not mailed.
 */
async function participantItems(target: PersonalDataTables, addressKey: string) {
  const tableName = target.tableName('businessMeetings');
  const keys = await keysByAddress(target.dynamoDb, tableName, addressKey, ['pk', 'sk']);
  const items = await itemsOf(target.dynamoDb, tableName, keys);
  return { tableName, items: items.filter((item) => item.addressKey === addressKey) };
}

export const businessMeetingsReader: PersonalDataReader = {
  name: 'businessMeetings',
  description:
    'Registrations to business-meeting events (side, name, organisation, what is offered or sought, available slots, ranked wishes, the address; three months after the meeting day), found by the byAddress index. Erasure cancels the meetings still scheduled (the other participant is told) and deletes the registrations; the grid keeps ids only.',
  find: async (target, subject) => (await participantItems(target, subject.addressKey)).items,
};

export const businessMeetingsFinder = /* @__PURE__ */ withErasure(
  businessMeetingsReader,
  async (target, subject) => {
    const { tableName, items } = await participantItems(target, subject.addressKey);
    // As a withdrawal from the participant's space, without waiting for a grid being made: the
    // registration goes and its scheduled meetings are cancelled in one transaction, so that the
    // notices find only the other participant; the places are given back.
    let deleted = 0;
    let cancelled = 0;
    for (const item of items) {
      const withdrawal = await withdrawParticipant(
        target.dynamoDb,
        tableName,
        String(item.eventId),
        String(item.id),
        subject.now,
        { duringRun: true },
      );
      if (typeof withdrawal === 'object') {
        deleted += 1;
        cancelled += withdrawal.cancelled;
      }
    }
    return [
      `${counted(cancelled, 'business meeting')} cancelled (the other participants told)`,
      `${counted(deleted, 'business-meeting registration')} deleted`,
    ];
  },
);
