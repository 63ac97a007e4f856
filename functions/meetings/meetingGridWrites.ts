import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled } from '../shared/conflictRetries.ts';
import { type MeetingItem, meetingKey, meetingPartition, participantKey, runKey } from './meetingItems.ts';
import {
  type PlaceKey,
  type PlaceKind,
  placeChanges,
  placeKindOf,
  placesOf,
  staleHolders,
} from './meetingPlaces.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Gives a place back, if the meeting holds it (a grid stored before places existed has none). */
const releasePlace = (tableName: string, key: PlaceKey, holder: string): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: key,
    ConditionExpression: 'attribute_not_exists(pk) OR holder = :holder',
    ExpressionAttributeValues: { ':holder': holder },
  },
});

/** Why a change was not made: the meeting changed meanwhile, or a place it wants was just taken. */
export type ChangeRefusal = 'changed' | PlaceKind;

/**
 * Moves or cancels one meeting in one transaction: the meeting if its version is the one read,
 * the places it takes if free (or held by a cancelled meeting), the places it leaves. Of two
 * changes that want the same table or participant at once, one is made, the other refused.
 */
export function changeMeetingPlaces(
  client: DynamoDBDocumentClient,
  tableName: string,
  meeting: MeetingItem,
  change: { slot: number; table: number } | 'cancelled',
  grid: readonly MeetingItem[],
  now: Date,
): Promise<MeetingItem | ChangeRefusal> {
  const placed = change === 'cancelled' ? { slot: meeting.slot, table: meeting.table } : change;
  const changed: MeetingItem = {
    ...meeting,
    ...placed,
    status: change === 'cancelled' ? 'cancelled' : 'scheduled',
    version: meeting.version + 1,
    changedAt: now.toISOString(),
  };
  const { take, release } = placeChanges(meeting, change);
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: meetingKey(meeting.eventId, meeting.id),
        UpdateExpression:
          'SET #status = :status, slot = :slot, #table = :table, version = :next, changedAt = :now',
        ConditionExpression: 'version = :version',
        ExpressionAttributeNames: { '#status': 'status', '#table': 'table' },
        ExpressionAttributeValues: {
          ':status': changed.status,
          ':slot': changed.slot,
          ':table': changed.table,
          ':version': meeting.version,
          ':next': changed.version,
          ':now': changed.changedAt,
        },
      },
    },
    ...take.map((key): TransactItem => {
      const holders = [meeting.id, ...staleHolders(key, grid)];
      return {
        Put: {
          TableName: tableName,
          Item: { ...key, eventId: meeting.eventId, holder: meeting.id, expiresAt: meeting.expiresAt },
          ConditionExpression: `attribute_not_exists(pk) OR holder IN (${holders.map((_, i) => `:h${i}`).join(', ')})`,
          ExpressionAttributeValues: Object.fromEntries(holders.map((id, i) => [`:h${i}`, id])),
        },
      };
    }),
    ...release.map((key) => releasePlace(tableName, key, meeting.id)),
  ];
  return untilSettled('Meeting change', async () => {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return changed;
    } catch (error) {
      const failed = failedItem(error);
      if (failed === 'conflict') return undefined;
      const key = take[failed - 1];
      return failed === 0 || !key ? 'changed' : placeKindOf(key);
    }
  });
}

/** What a participant's withdrawal did. */
export type Withdrawal = { readonly cancelled: number } | 'gone' | 'gridInProgress';

/**
 * A participant leaves an event: their registration is deleted and, in the same transaction,
 * their meetings still scheduled are cancelled (each new version mails the other participant,
 * once; the one who left is no longer there to be mailed). Refused while the deadline's run is
 * making the grid (it may have read them already), unless `duringRun` (an erasure, which may
 * not wait); their places are given back afterwards.
 */
export async function withdrawParticipant(
  client: DynamoDBDocumentClient,
  tableName: string,
  eventId: string,
  participantId: string,
  now: Date,
  options: { readonly duringRun?: boolean } = {},
): Promise<Withdrawal> {
  const outcome = await untilSettled('Meeting withdrawal', async () => {
    const theirs = await scheduledMeetingsOf(client, tableName, eventId, participantId);
    // A participant has at most one meeting a slot: far fewer than a transaction's 100 items.
    const runCheck: TransactItem[] = options.duringRun
      ? []
      : [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: runKey(eventId),
              ConditionExpression: 'attribute_not_exists(pk) OR #state IN (:stored, :mailed)',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':stored': 'gridStored', ':mailed': 'mailed' },
            },
          },
        ];
    const items: TransactItem[] = [
      ...runCheck,
      {
        Delete: {
          TableName: tableName,
          Key: participantKey(eventId, participantId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      ...theirs.map(
        (meeting): TransactItem => ({
          Update: {
            TableName: tableName,
            Key: meetingKey(eventId, meeting.id),
            UpdateExpression: 'SET #status = :cancelled, version = :next, changedAt = :now',
            ConditionExpression: 'version = :version',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':cancelled': 'cancelled',
              ':version': meeting.version,
              ':next': meeting.version + 1,
              ':now': now.toISOString(),
            },
          },
        }),
      ),
    ];
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return { theirs };
    } catch (error) {
      const failed = failedItem(error);
      if (failed === runCheck.length) return 'gone' as const;
      if (failed === 0) return 'gridInProgress' as const;
      // A meeting changed meanwhile (or a conflict): read them again.
      return undefined;
    }
  });
  if (typeof outcome === 'string') return outcome;
  for (const meeting of outcome.theirs)
    await client
      .send(
        new TransactWriteCommand({
          TransactItems: placesOf(meeting).map((key) => releasePlace(tableName, key, meeting.id)),
        }),
      )
      // Left behind, a cancelled meeting's place is taken over by the next move (`staleHolders`).
      .catch(() => undefined);
  return { cancelled: outcome.theirs.length };
}

async function scheduledMeetingsOf(
  client: DynamoDBDocumentClient,
  tableName: string,
  eventId: string,
  participantId: string,
): Promise<MeetingItem[]> {
  const items: MeetingItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :meeting)',
        FilterExpression: '(a = :id OR b = :id) AND #status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': meetingPartition(eventId),
          ':meeting': 'MEET#',
          ':id': participantId,
          ':scheduled': 'scheduled',
        },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as MeetingItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
