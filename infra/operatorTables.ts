import { type DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { type TableName, tableConstructId } from '../functions/catalogue.ts';

/** A mistake in an operator command's arguments or target: printed in one line, no stack trace. */
export class CommandError extends Error {}

/**
 * The real name of a table of `Essaim-<stage>` (CloudFormation names it `Essaim-<stage>-<Construct>…`),
 * for the operator commands run against AWS.
 */
export async function stackTableName(
  client: DynamoDBClient,
  stage: string,
  table: TableName,
): Promise<string> {
  const prefix = `Essaim-${stage}-${tableConstructId(table)}`;
  const found: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    found.push(...(page.TableNames ?? []).filter((name) => name.startsWith(prefix)));
    start = page.LastEvaluatedTableName;
  } while (start);
  if (found.length !== 1)
    throw new CommandError(
      found.length === 0
        ? `No table ${prefix}… in this account and region: check AWS_REGION and --stage, or name it with --table.`
        : `Several tables match ${prefix}…: name one with --table (${found.join(', ')}).`,
    );
  return found[0] as string;
}
