import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import type { OutgoingEmail } from '../domain/email/outgoingEmail.ts';
import { dynamoDbClient, sesClient } from '../platform/aws.ts';
import { tableNameOf } from '../tables.ts';
import { mailerOptionsFromEnv, SesMailer } from './mailer.ts';

/**
 * Sends each e-mail at most once per key (Powertools idempotency in the Idempotency table),
 * remembering SES's message id: a retried batch or a replayed schedule sends nothing twice.
 */
export function idempotentMailer(keyPrefix: string) {
  const mailer = new SesMailer(sesClient(), mailerOptionsFromEnv());
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    // Longer than the stream's 24-hour retention: no replayed record can outlive its marker.
    expiresAfterSeconds: 2 * 24 * 60 * 60,
  });
  const send = makeIdempotent(
    async (request: { key: string; email: OutgoingEmail }) => mailer.send(request.email),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: tableNameOf('idempotency'),
        awsSdkV3Client: dynamoDbClient(),
      }),
      config,
      keyPrefix,
    },
  );
  return {
    sendOnce: (key: string, email: OutgoingEmail): Promise<string> => send({ key, email }),
    /** Lets an in-progress send that crashed be taken over once the invocation's time is up. */
    registerContext: (context: Context) => config.registerLambdaContext(context),
  };
}
