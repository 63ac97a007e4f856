import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Alarms to one SNS topic (an address subscribed if configured): anything above zero pages someone. */
export class EssaimAlarms extends Construct {
  readonly #action: SnsAction;

  constructor(scope: Construct, id: string, props: { readonly alarmEmail?: string }) {
    super(scope, id);
    const topic = new Topic(scope, 'AlarmTopic', {
      enforceSSL: true,
      masterKey: Alias.fromAliasName(scope, 'SnsKey', 'alias/aws/sns'),
    });
    if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.#action = new SnsAction(topic);
  }

  /** An alarm when `metric` is above zero in a period. */
  whenAboveZero(id: string, metric: IMetric, description: string): void {
    // In the stack's scope: the alarms keep the logical ids of their first deploy.
    new Alarm(this.node.scope as Construct, id, {
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.#action);
  }
}

export const fiveMinutes = Duration.minutes(5);
