import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The 24-hour quota of bulk mail. Every chunk counts what it sends in the current hour's counter
 * (`QUOTA#<hour>`, beside the per-second `PACE#` counters); the last 24 hours are the sum of 25
 * such counters. Bulk mail stops at the account's quota less the transactional share, so
 * registrations and contact mail always keep theirs. Wall-clock hours: this is SES's quota,
 * whatever clock the domain runs on.
 */
const hourOf = (milliseconds: number) => Math.floor(milliseconds / 3_600_000);
const quotaKey = (hour: number) => ({ pk: `QUOTA#${hour}`, sk: 'QUOTA' });

/** What editors read in the Studio while the quota holds a send. */
export const quotaPauseReason =
  'Quota d’envoi des dernières 24 heures atteint (hors part réservée aux e-mails d’inscription et de contact) : l’envoi reprend de lui-même dès que le quota le permet, vérifié chaque minute.';

/** Mails a send may still take now: the bulk quota less the last 24 hours' bulk mail. */
export const quotaRoom = (bulkQuota: number, sentInLast24Hours: number): number =>
  Math.max(0, bulkQuota - sentInLast24Hours);

/** Counts bulk mail handed to SES in the current hour (a plain ADD: concurrent chunks never conflict). */
export async function recordBulkSent(
  client: DynamoDBDocumentClient,
  tableName: string,
  count: number,
): Promise<void> {
  const hour = hourOf(Date.now());
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: quotaKey(hour),
      UpdateExpression: 'ADD used :count SET expiresAt = :expiresAt',
      ExpressionAttributeValues: { ':count': count, ':expiresAt': (hour + 26) * 3600 },
    }),
  );
  if (cached) cached = { ...cached, sent: cached.sent + count };
}

/** The sum, kept a few seconds per container: every chunk asks, 25 reads each time would be waste. */
let cached: { sent: number; readAt: number } | undefined;
const keptMilliseconds = 2000;

/** Bulk mail handed to SES in the last 24 hours (this hour and the 24 before it). */
export async function bulkSentInLast24Hours(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<number> {
  if (cached && Date.now() - cached.readAt < keptMilliseconds) return cached.sent;
  const now = hourOf(Date.now());
  const keys = Array.from({ length: 25 }, (_, back) => quotaKey(now - back));
  let sent = 0;
  let pending: Record<string, unknown>[] = keys;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt === 5) throw new Error('The quota counters could not be read');
    const { Responses = {}, UnprocessedKeys = {} } = await client.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: 'used' } } }),
    );
    sent += (Responses[tableName] ?? []).reduce((sum, item) => sum + Number(item.used ?? 0), 0);
    pending = UnprocessedKeys[tableName]?.Keys ?? [];
  }
  cached = { sent, readAt: Date.now() };
  return sent;
}
