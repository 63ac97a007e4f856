import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../shared/batchGet.ts';

/**
 * The registration counter of each event (`pk` = `EVENT#<id>`, `sk` = `COUNTER` in the
 * Registrations table): the registrations feature moves it, the programme reads it to show the
 * places left. The key is written here once, for both.
 */
export const eventKey = (eventId: string): string => `EVENT#${eventId}`;
export const counterKey = 'COUNTER';

/**
 * Places taken per event (absent: none yet): confirmed, and held for registrants who have not
 * confirmed yet (`taken`; counters written before holds existed have `confirmed` only).
 */
export async function confirmedCounts(
  client: DynamoDBDocumentClient,
  tableName: string,
  eventIds: readonly string[],
): Promise<Map<string, number>> {
  const items = await batchGetItems(
    client,
    tableName,
    eventIds.map((id) => ({ pk: eventKey(id), sk: counterKey })),
  );
  return new Map(
    items.map((item) => [
      (item.pk as string).slice('EVENT#'.length),
      ((item.taken ?? item.confirmed) as number | undefined) ?? 0,
    ]),
  );
}
