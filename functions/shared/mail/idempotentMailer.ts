import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoDbClient, sesClient, tableNameOf } from '../aws.ts';
import { logger } from '../logger.ts';
import { countMetric } from '../metrics.ts';
import { setting } from '../settings.ts';
import { SesMailer } from './mailer.ts';
import type { OutgoingEmail } from './outgoingEmail.ts';
import { isSuppressedExceptFor, withoutSuppressedRecipients } from './suppressions.ts';

/**
 * What `sendOnce` answers instead of SES's message id when every recipient is suppressed and
 * nothing was sent (a key that answered it stays answered: the mail is not sent later either).
 */
export const notSentAllSuppressed = 'not-sent:all-recipients-suppressed';

export interface SendOptions {
  /**
   * The self-service erasure this mail reports: the suppression that erasure wrote does not
   * stop it (any other suppression still does). Only its own « c'est fait » mail passes.
   */
  readonly despiteErasureRequest?: string;
}

export interface IdempotentMailer {
  /**
   * Sends the e-mail unless one was already sent under this key, to its recipients that are not
   * suppressed; answers SES's message id, or `notSentAllSuppressed` when none was left.
   */
  sendOnce(key: string, email: OutgoingEmail, options?: SendOptions): Promise<string>;
  /** Lets an in-progress send that crashed be taken over once the invocation's time is up. */
  registerContext(context: Context): void;
}

/**
 * Sends each e-mail at most once per key (Powertools idempotency in the Idempotency table),
 * remembering SES's message id: a retried batch or a replayed schedule sends nothing twice.
 * Right before each send, the recipients are checked against the suppression set: a suppressed
 * address is dropped, whatever SES would do with it (nothing is ever sent to it).
 */
export function idempotentMailer(keyPrefix: string): IdempotentMailer {
  const mailer = new SesMailer(sesClient(), {
    fromAddress: setting('mailFrom'),
    configurationSetName: setting('sesConfigurationSet'),
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    // Longer than the stream's 24-hour retention: no replayed record can outlive its marker.
    expiresAfterSeconds: 2 * 24 * 60 * 60,
  });
  const send = makeIdempotent(
    async (request: { key: string; email: OutgoingEmail; options?: SendOptions }) => {
      const erasure = request.options?.despiteErasureRequest;
      const { email, dropped } = await withoutSuppressedRecipients(
        request.email,
        erasure ? isSuppressedExceptFor(erasure) : undefined,
      );
      if (dropped > 0) {
        countMetric('mailsSuppressed', dropped);
        // Counts only: neither the addresses nor the key (a caller might build it from one).
        logger.info('Suppressed recipients dropped', { mailer: keyPrefix, dropped, left: email.to.length });
      }
      if (email.to.length === 0) return notSentAllSuppressed;
      try {
        const messageId = await mailer.send(email);
        countMetric('mailsSent');
        return messageId;
      } catch (error) {
        countMetric('mailsFailed');
        throw error;
      }
    },
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
    sendOnce: (key, email, options) => send({ key, email, ...(options ? { options } : {}) }),
    registerContext: (context) => config.registerLambdaContext(context),
  };
}
