import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import {
  scheduledWorkers,
  streamWorkers,
  type TopicName,
  topicSubscribers,
} from '../../functions/catalogue.ts';
import { type EssaimAlarms, fiveMinutes } from './essaimAlarms.ts';
import { EssaimFunction, type FunctionDefaults } from './essaimFunction.ts';

/**
 * The workers: stream workers on their table's stream (filters, batch size, bisect on error,
 * partial batch responses, bounded retries, then an SQS queue of dead letters with an alarm),
 * scheduled workers on an EventBridge rule each (retried, alarmed on failure), and topic
 * subscribers on their SNS topic (Lambda's asynchronous retries, then a queue of dead letters
 * with an alarm; the subscription's own dead letters, when SNS cannot invoke, go there too).
 */
export class EssaimWorkers extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      readonly functions: FunctionDefaults;
      readonly alarms: EssaimAlarms;
      readonly topics: Readonly<Record<TopicName, ITopic>>;
      /**
       * Where the stream workers and schedules go (a nested stack, to keep the stack under
       * CloudFormation's 500 resources); topic subscribers stay beside their topics, as SNS
       * subscriptions cannot reach into a nested stack's parent.
       */
      readonly streamAndScheduleScope?: Construct;
    },
  ) {
    super(scope, id);
    const topicScope = scope;
    // The dead letters stay in the parent, named after it as before (`npm run gdpr` finds the
    // queues by that prefix); the workers in the nested stack reach it through a parameter.
    const deadLetters = new Queue(topicScope, 'StreamDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination of the stream workers; its alarm pages someone.',
    });
    scope = props.streamAndScheduleScope ?? scope;
    for (const worker of streamWorkers) {
      const fn = new EssaimFunction(scope, worker, `Stream worker on ${worker.table}`, props.functions)
        .function;
      fn.addEventSource(
        new DynamoEventSource(props.functions.tables[worker.table], {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: worker.batchSize,
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          retryAttempts: worker.retryAttempts,
          maxRecordAge: Duration.hours(24),
          onFailure: new SqsDlq(deadLetters),
          filters: worker.filters.map((filter) => FilterCriteria.filter(filter)),
        }),
      );
    }
    props.alarms.whenAboveZero(
      'StreamDeadLettersAlarm',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes }),
      'A stream record exhausted its retries: an e-mail or another consequence did not happen.',
    );

    for (const worker of scheduledWorkers) {
      const fn = new EssaimFunction(scope, worker, `Runs every ${worker.everyMinutes} min`, props.functions)
        .function;
      new Rule(scope, `${worker.name}Schedule`, {
        schedule: Schedule.rate(Duration.minutes(worker.everyMinutes)),
        targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
      });
      if (worker.afterDeployment)
        // Once per deployment that changes it, after the tables and parameters it reads exist.
        new Trigger(scope, `${worker.name}AfterDeployment`, {
          handler: fn,
          executeAfter: [...Object.values(props.functions.tables)],
          timeout: Duration.seconds(worker.timeoutSeconds ?? 10),
        });
      props.alarms.whenAboveZero(
        `${worker.name}ErrorsAlarm`,
        fn.metricErrors({ period: Duration.minutes(worker.everyMinutes), statistic: 'Sum' }),
        `A run of ${worker.name} failed (the next run catches up; nothing is sent twice).`,
      );
    }

    if (topicSubscribers.length > 0) {
      const topicDeadLetters = new Queue(topicScope, 'TopicDeadLetters', {
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      Validations.of(topicDeadLetters).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason:
          'This queue is itself the on-failure destination of the topic subscribers (and their subscriptions); its alarm pages someone.',
      });
      for (const subscriber of topicSubscribers) {
        const fn = new EssaimFunction(
          topicScope,
          subscriber,
          `Subscriber of the ${subscriber.topic} topic`,
          props.functions,
        ).function;
        fn.configureAsyncInvoke({
          retryAttempts: subscriber.retryAttempts,
          maxEventAge: Duration.hours(6),
          onFailure: new SqsDestination(topicDeadLetters),
        });
        props.topics[subscriber.topic].addSubscription(
          new LambdaSubscription(fn, { deadLetterQueue: topicDeadLetters }),
        );
      }
      props.alarms.whenAboveZero(
        'TopicDeadLettersAlarm',
        topicDeadLetters.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes }),
        'A topic message exhausted its retries: an SES bounce or complaint may not have been recorded (read the queue, then replay it).',
      );
    }
  }
}
