import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The registration counter of each event (`pk` = `EVENT#<id>`, `sk` = `COUNTER` in the
 * Registrations table): the registrations feature moves it, the programme reads it to show the
 * places left. The key is written here once, for both.
 */
export const eventKey = (eventId: string): string => `EVENT#${eventId}`;
export const counterKey = 'COUNTER';

/** Confirmed registrations per event (absent: none yet), 100 keys per request. */
export async function confirmedCounts(
  client: DynamoDBDocumentClient,
  tableName: string,
  eventIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; start < eventIds.length; start += 100) {
    const keys = eventIds.slice(start, start + 100).map((id) => ({ pk: eventKey(id), sk: counterKey }));
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [tableName]: { Keys: keys },
    };
    while (request && Object.keys(request).length > 0) {
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({ RequestItems: request }),
      );
      for (const item of Responses?.[tableName] ?? []) {
        counts.set((item.pk as string).slice('EVENT#'.length), (item.confirmed as number | undefined) ?? 0);
      }
      request = UnprocessedKeys as typeof request;
    }
  }
  return counts;
}
