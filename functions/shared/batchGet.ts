import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The items of `keys` that exist, in any order: BatchGetItem takes 100 keys a request, and
 * the keys DynamoDB leaves unprocessed (throughput, size) are asked again until none are left.
 */
export async function batchGetItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  projection?: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    type Request = Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string }>;
    let request: Request | undefined = {
      [tableName]: {
        Keys: keys.slice(start, start + 100),
        ...(projection ? { ProjectionExpression: projection } : {}),
      },
    };
    while (request && Object.keys(request).length > 0) {
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({ RequestItems: request }),
      );
      items.push(...(Responses?.[tableName] ?? []));
      request = UnprocessedKeys as Request | undefined;
    }
  }
  return items;
}
