import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduledWorkers, streamWorkers } from '../../functions/catalogue.ts';
import { type EssaimAlarms, fiveMinutes } from './essaimAlarms.ts';
import { EssaimFunction, type FunctionDefaults } from './essaimFunction.ts';

/**
 * The workers: stream workers on their table's stream (filters, batch size, bisect on error,
 * partial batch responses, bounded retries, then an SQS queue of dead letters with an alarm),
 * and scheduled workers on an EventBridge rule each (retried, alarmed on failure).
 */
export class EssaimWorkers extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { readonly functions: FunctionDefaults; readonly alarms: EssaimAlarms },
  ) {
    super(scope, id);
    const deadLetters = new Queue(scope, 'StreamDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination of the stream workers; its alarm pages someone.',
    });
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
      props.alarms.whenAboveZero(
        `${worker.name}ErrorsAlarm`,
        fn.metricErrors({ period: Duration.minutes(worker.everyMinutes), statistic: 'Sum' }),
        `A run of ${worker.name} failed (the next run catches up; nothing is sent twice).`,
      );
    }
  }
}
