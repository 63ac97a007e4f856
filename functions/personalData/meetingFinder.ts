import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type PersonalDataReader, type PersonalDataTables, withErasure } from './personalDataFinder.ts';
import { counted, deleteItems, itemsOf, keysByAddress } from './tableItems.ts';

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

/** Cancels a participant's scheduled meetings in their event's grid; how many. */
async function cancelMeetingsOf(
  target: PersonalDataTables,
  tableName: string,
  pk: string,
  id: string,
  now: Date,
) {
  const { Items = [] } = await target.dynamoDb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :meeting)',
      FilterExpression: '(a = :id OR b = :id) AND #status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': pk, ':meeting': 'MEET#', ':id': id, ':scheduled': 'scheduled' },
      ConsistentRead: true,
    }),
  );
  for (const meeting of Items)
    await target.dynamoDb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: meeting.pk, sk: meeting.sk },
        UpdateExpression: 'SET #status = :cancelled, version = version + :one, changedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':one': 1, ':now': now.toISOString() },
      }),
    );
  return Items.length;
}

export const businessMeetingsFinder = /* @__PURE__ */ withErasure(
  businessMeetingsReader,
  async (target, subject) => {
    const { tableName, items } = await participantItems(target, subject.addressKey);
    // The registrations first: the notices of the cancellations then find only the other participant.
    const deleted = await deleteItems(
      target.dynamoDb,
      tableName,
      items.map(({ pk, sk }) => ({ pk, sk })),
    );
    let cancelled = 0;
    for (const item of items)
      cancelled += await cancelMeetingsOf(target, tableName, String(item.pk), String(item.id), subject.now);
    return [
      `${counted(cancelled, 'business meeting')} cancelled (the other participants told)`,
      `${counted(deleted, 'business-meeting registration')} deleted`,
    ];
  },
);
