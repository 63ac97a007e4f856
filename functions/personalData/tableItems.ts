import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** A table's item key: `pk` and, where the table has one, `sk`. */
export type ItemKey = Record<string, unknown>;

/** Each key once (a batch refuses a key twice). */
export const distinctKeys = (keys: readonly ItemKey[]): ItemKey[] => [
  ...new Map(keys.map((key) => [JSON.stringify(key), key])).values(),
];

/** Every item a query answers, page after page. */
export async function queryAll(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** The keys an address's keys-only index (`byAddress`) lists for it. */
export async function keysByAddress(
  client: DynamoDBDocumentClient,
  tableName: string,
  addressKey: string,
  keyNames: readonly string[],
): Promise<ItemKey[]> {
  const items = await queryAll(client, {
    TableName: tableName,
    IndexName: 'byAddress',
    KeyConditionExpression: 'addressKey = :addressKey',
    ExpressionAttributeValues: { ':addressKey': addressKey },
  });
  return items.map((item) => Object.fromEntries(keyNames.map((name) => [name, item[name]])));
}

/** The items of these keys that exist, read consistently (the index itself is only eventually so). */
export async function itemsOf(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const distinct = distinctKeys(keys);
  for (let start = 0; start < distinct.length; start += 100) {
    let pending: ItemKey[] | undefined = distinct.slice(start, start + 100);
    while (pending && pending.length > 0) {
      const answer = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(answer.Responses?.[tableName] ?? []));
      pending = answer.UnprocessedKeys?.[tableName]?.Keys as ItemKey[] | undefined;
    }
  }
  return items;
}

/** Deletes these items (25 a batch, unprocessed ones again); a missing item is no error. */
export async function deleteItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<number> {
  const distinct = distinctKeys(keys);
  for (let start = 0; start < distinct.length; start += 25) {
    let requests: Record<string, unknown>[] | undefined = distinct
      .slice(start, start + 25)
      .map((Key) => ({ DeleteRequest: { Key } }));
    while (requests && requests.length > 0) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
    }
  }
  return distinct.length;
}

/** `n thing(s)`, for the erasure's report. */
export const counted = (count: number, what: string): string => `${count} ${what}${count === 1 ? '' : 's'}`;
