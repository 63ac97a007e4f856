import { type DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
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

/**
 * A SecureString of the stack (a key the operator's command needs), read with the operator's
 * own credentials: the functions read theirs through the Lambda extension, which a laptop lacks.
 */
export async function decryptedParameter(name: string): Promise<string | undefined> {
  try {
    const { Parameter } = await new SSMClient({}).send(
      new GetParameterCommand({ Name: name, WithDecryption: true }),
    );
    return Parameter?.Value || undefined;
  } catch (error) {
    if ((error as { name?: string }).name === 'ParameterNotFound')
      throw new CommandError(
        `No parameter ${name} in this account and region: check AWS_REGION and --stage.`,
      );
    throw error;
  }
}
