import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  SNSEvent,
} from 'aws-lambda';
import { logger } from '../logger.ts';
import type { IdempotentMailer } from '../mail/idempotentMailer.ts';
import { metrics } from '../metrics.ts';

/** One stream record, as a worker sees it: both images unmarshalled, and its own logger. */
export interface StreamRecordInput<Item> {
  readonly newImage: Item | undefined;
  readonly oldImage: Item | undefined;
  readonly record: DynamoDBRecord;
  /** Logs with the record's event id as correlation id: one record's lines can be followed. */
  readonly log: Logger;
}

export interface WorkerOptions {
  /** The function's name: its logs, metrics and idempotency keys carry it. */
  readonly name: string;
  /**
   * A worker that sends mail passes `idempotentMailer` (`shared/mail/idempotentMailer.ts`) and
   * declares `sendEmail` and the Idempotency table. Passed in rather than imported here: a worker
   * that sends nothing then bundles neither the SES client nor the idempotency layer.
   */
  readonly mailer?: (name: string) => IdempotentMailer;
}

const image = <Item>(value: Record<string, unknown> | undefined): Item | undefined =>
  value ? (unmarshall(value as Record<string, AttributeValue>) as Item) : undefined;

/** The mailer of a worker that sends mail, created on first use (its table name is checked then). */
function lazyMailer(options: WorkerOptions): () => IdempotentMailer {
  let mailer: IdempotentMailer | undefined;
  return () => {
    if (!options.mailer) throw new Error(`${options.name} does not send mail (no mailer)`);
    mailer ??= options.mailer(options.name);
    return mailer;
  };
}

const withObservability = <Event, Result>(handler: middy.MiddyfiedHandler<Event, Result>) =>
  handler
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));

/**
 * A stream worker: what follows from facts written to a table. Powertools batch processing
 * reports failed records alone (partial batch response), so only they are retried; a record's
 * mail goes through the idempotent mailer, so a retried or replayed batch sends nothing twice.
 * `inOrder` processes records one after the other, in stream order, and stops at a failure (a
 * confirmation is not overtaken by its cancellation notice, even when the confirmation fails).
 */
export function streamWorker<Item>(
  options: WorkerOptions & {
    readonly inOrder?: boolean;
    readonly handle: (
      input: StreamRecordInput<Item>,
      mail: { sendOnce: IdempotentMailer['sendOnce'] },
    ) => Promise<void>;
  },
) {
  const mailer = lazyMailer(options);
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const processRecord = async (record: DynamoDBRecord) => {
    const log = logger.createChild();
    log.setCorrelationId(record.eventID);
    try {
      await options.handle(
        {
          newImage: image<Item>(record.dynamodb?.NewImage),
          oldImage: image<Item>(record.dynamodb?.OldImage),
          record,
          log,
        },
        { sendOnce: (key, email, sendOptions) => mailer().sendOnce(key, email, sendOptions) },
      );
    } catch (error) {
      // Name and code only: an SDK message may quote an address.
      const { name, code } = error as { name?: string; code?: string };
      log.error('Record failed; it will be retried', { errorName: name, errorCode: code });
      throw error;
    }
  };
  /**
   * One record after the other, stopping at the first failure: it and every later record are
   * reported failed, so Lambda retries from it and nothing overtakes it (Powertools' sequential
   * mode would go on with the next records).
   */
  const processInOrder = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const [index, record] of event.Records.entries()) {
      try {
        await processRecord(record);
      } catch {
        const failed = event.Records.slice(index);
        return {
          batchItemFailures: failed.map((item) => ({ itemIdentifier: item.dynamodb?.SequenceNumber ?? '' })),
        };
      }
    }
    return { batchItemFailures: [] };
  };
  return withObservability(
    middy(async (event: DynamoDBStreamEvent, context: Context) => {
      if (options.mailer) mailer().registerContext(context);
      if (options.inOrder) return processInOrder(event);
      return processPartialResponse(event, processRecord, processor, { context });
    }),
  );
}

/** A scheduled worker (EventBridge rule in AWS, a timer locally), with the same logs, metrics and mailer. */
export function scheduledWorker<Result>(
  options: WorkerOptions & {
    readonly run: (mail: { sendOnce: IdempotentMailer['sendOnce'] }) => Promise<Result>;
  },
) {
  const mailer = lazyMailer(options);
  return withObservability(
    middy(async (_event: unknown, context: Context) => {
      if (options.mailer) mailer().registerContext(context);
      return options.run({
        sendOnce: (key, email, sendOptions) => mailer().sendOnce(key, email, sendOptions),
      });
    }),
  );
}

/** One SNS message, as a topic subscriber sees it. */
export interface TopicMessageInput {
  /** SNS's id of the message: the same across SNS's and Lambda's retries (an idempotency key). */
  readonly messageId: string;
  readonly message: string;
  readonly topicArn: string;
  /** When SNS published it (ISO 8601). */
  readonly publishedAt: string;
  /** Logs with the message id as correlation id. */
  readonly log: Logger;
}

/**
 * A topic subscriber: invoked asynchronously by SNS with its messages (one per invocation in
 * practice). A failure throws, so Lambda retries the invocation and, past its retries, sends the
 * event to the on-failure queue: the handler must be idempotent (key on `messageId`).
 */
export function topicSubscriber(
  options: Omit<WorkerOptions, 'mailer'> & {
    readonly handle: (input: TopicMessageInput) => Promise<void>;
  },
) {
  return withObservability(
    middy(async (event: SNSEvent) => {
      for (const record of event.Records) {
        const log = logger.createChild();
        log.setCorrelationId(record.Sns.MessageId);
        try {
          await options.handle({
            messageId: record.Sns.MessageId,
            message: record.Sns.Message,
            topicArn: record.Sns.TopicArn,
            publishedAt: record.Sns.Timestamp,
            log,
          });
        } catch (error) {
          // Name and code only: an SDK message may quote an address.
          const { name, code } = error as { name?: string; code?: string };
          log.error('Message failed; the invocation will be retried', { errorName: name, errorCode: code });
          throw error;
        }
      }
    }),
  );
}
