import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, SNSEvent } from 'aws-lambda';
import {
  type TopicName,
  type TopicSubscriber,
  topicConstructId,
  topicSubscribers,
} from '../../functions/catalogue.ts';
import { runAsFunction } from './functionContext.ts';
import { lambdaContext } from './lambdaContext.ts';
import { localRegion } from './localEnvironment.ts';
import type { StackActivity } from './stackActivity.ts';

type TopicLambda = (event: SNSEvent, context: Context) => Promise<unknown>;

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');
const account = '000000000000';

/** A topic's local ARN: `arn:aws:sns:eu-west-3:000000000000:essaim-MailEventsTopic`. */
export const localTopicArn = (topic: TopicName): string =>
  `arn:aws:sns:${localRegion}:${account}:essaim-${topicConstructId(topic)}`;

/** The Lambda event SNS delivers for one message (one record per invocation, as SNS does). */
export function snsEvent(topic: TopicName, message: string, messageId: string = randomUUID()): SNSEvent {
  const topicArn = localTopicArn(topic);
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: '',
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://sns.eu-west-3.amazonaws.com/local.pem',
          UnsubscribeUrl: 'https://sns.eu-west-3.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

export interface LocalTopicsOptions {
  /** Where events that exhausted their retries go (an SQS queue in AWS). */
  readonly deadLetterFile: string;
  /** Pause before retry `n` (Lambda waits a minute, then two): short locally. */
  readonly retryDelayMs?: (attempt: number) => number;
  /** Counts the invocations under way (`GET /health/settled` waits for them). */
  readonly activity?: StackActivity;
}

/**
 * The local SNS: each topic of the catalogue invokes its subscribers with the SNS event Lambda
 * would receive, asynchronously, each invocation as its function (the local access guard
 * applies), retried as Lambda retries an asynchronous invocation (`retryAttempts`), then
 * written to the dead-letter file. Publishing answers the SNS message id at once, as SNS does.
 */
export class LocalTopics {
  readonly #options: LocalTopicsOptions;
  readonly #subscribers: readonly TopicSubscriber[];
  readonly #handlers = new Map<string, TopicLambda>();
  readonly #pending = new Set<Promise<unknown>>();
  #stopped = false;

  private constructor(options: LocalTopicsOptions, subscribers: readonly TopicSubscriber[]) {
    this.#options = options;
    this.#subscribers = subscribers;
  }

  /** Loads every subscriber's handler module, as that function (its init phase may call AWS). */
  static async start(
    options: LocalTopicsOptions,
    subscribers: readonly TopicSubscriber[] = topicSubscribers,
  ): Promise<LocalTopics> {
    const topics = new LocalTopics(options, subscribers);
    for (const subscriber of subscribers) {
      const { handler } = (await runAsFunction(
        { function: subscriber },
        () => import(pathToFileURL(join(functionsDirectory, subscriber.handler)).href),
      )) as { handler: TopicLambda };
      topics.#handlers.set(subscriber.name, handler);
    }
    return topics;
  }

  /** Publishes a message: every subscriber of the topic is invoked soon after; answers the message id. */
  publish(topic: TopicName, message: string): string {
    const event = snsEvent(topic, message);
    if (this.#stopped) return event.Records[0]?.Sns.MessageId ?? '';
    for (const subscriber of this.#subscribers.filter((candidate) => candidate.topic === topic)) {
      const delivery = this.deliver(subscriber, event).finally(() => this.#pending.delete(delivery));
      this.#options.activity?.track(delivery).catch(() => undefined);
      this.#pending.add(delivery);
    }
    return event.Records[0]?.Sns.MessageId ?? '';
  }

  /**
   * Invokes one subscriber with an SNS event until it succeeds or runs out of retries (then the
   * event goes to the dead-letter file). Tests call it to replay an event, as SNS may.
   */
  async deliver(subscriber: TopicSubscriber, event: SNSEvent): Promise<boolean> {
    const handler = this.#handlers.get(subscriber.name);
    if (!handler) throw new Error(`${subscriber.name} is not a loaded topic subscriber`);
    for (let attempt = 0; ; attempt++) {
      try {
        const context = lambdaContext(subscriber.name, (subscriber.timeoutSeconds ?? 10) * 1000);
        await runAsFunction({ function: subscriber }, () => handler(event, context));
        return true;
      } catch (error) {
        console.error(
          `Topic subscriber ${subscriber.name} failed: ${(error as Error).name}: ${(error as Error).message}`,
        );
        if (this.#stopped) return false;
        if (attempt >= subscriber.retryAttempts) {
          await appendFile(
            this.#options.deadLetterFile,
            `${JSON.stringify({ subscriber: subscriber.name, failedAt: new Date().toISOString(), event })}\n`,
          );
          console.error(`Topic subscriber ${subscriber.name}: event sent to ${this.#options.deadLetterFile}`);
          return false;
        }
        await new Promise((resolve) =>
          setTimeout(resolve, this.#options.retryDelayMs?.(attempt) ?? 200 * 2 ** attempt),
        );
      }
    }
  }

  /** True while an invocation is under way (tests wait for quiet). */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  /** Lets the invocations under way finish; publishes nothing more. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.allSettled([...this.#pending]);
  }
}
