import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createClient, type SanityClient } from '@sanity/client';
import { localContentLakeToken, localCredentials, localRegion } from '../infra/local/localEnvironment.ts';
import { type LocalStack, startLocalStack } from '../infra/local/localStack.ts';

/**
 * A local stack for a benchmark, its services on `port` and the few after it (`--port-offset`
 * keeps them apart from `npm run dev`'s and the tests'), and a document client on its DynamoDB
 * Local for the benchmark's own setup and raw baseline.
 */
export async function startBenchStack(port: number): Promise<{
  stack: LocalStack;
  documents: DynamoDBDocumentClient;
}> {
  const stack = await startLocalStack({
    apiPort: port,
    pagesPort: port + 5,
    sesPort: port + 1,
    dynamoDbPort: port + 2,
    contentLakePort: port + 3,
  });
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamoDbEndpoint,
      region: localRegion,
      credentials: localCredentials,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { stack, documents };
}

/** An editor's client of the stack's local Content Lake (the benchmark's own content). */
export const benchLakeClient = (stack: LocalStack): SanityClient =>
  createClient({
    projectId: 'essaimdemo',
    dataset: 'production',
    apiVersion: '2025-02-19',
    useCdn: false,
    apiHost: stack.contentLakeUrl ?? '',
    useProjectHostname: false,
    token: localContentLakeToken,
  });
