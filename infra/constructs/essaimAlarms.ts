import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** The service principal CloudWatch alarms publish to SNS as. */
const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');

/**
 * Alarms to one SNS topic (an address subscribed if configured): anything above zero pages someone.
 *
 * The topic is HTTPS only and encrypted with a key of its own: CloudWatch cannot publish to a
 * topic encrypted with the AWS-managed `aws/sns` key (its policy cannot be changed to let
 * `cloudwatch.amazonaws.com` use it), so every alarm action would fail. The key lets CloudWatch
 * use it for SNS topics of this account and region only; the topic's policy, which replaces SNS's
 * default one, lets the account's alarms in this region publish. As for the stack's other topics,
 * messages stay in SNS only until delivered: nothing stays encrypted with the key, which goes with
 * the stack.
 */
export class EssaimAlarms extends Construct {
  readonly #action: SnsAction;

  constructor(scope: Construct, id: string, props: { readonly alarmEmail?: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    // In the stack's scope, as the topic: the logical ids of the first deploy.
    const key = new Key(scope, 'AlarmTopicKey', {
      description: 'Encrypts the SNS topic of Essaim’s alarms (CloudWatch publishes to it)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'PublishCloudWatchAlarms',
        principals: [cloudWatch],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          // SNS names the topic in the encryption context of every data key it asks for.
          ArnLike: {
            'kms:EncryptionContext:aws:sns:topicArn': stack.formatArn({ service: 'sns', resource: '*' }),
          },
        },
      }),
    );
    const topic = new Topic(scope, 'AlarmTopic', { enforceSSL: true, masterKey: key });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'PublishCloudWatchAlarms',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          // arn:…:cloudwatch:<region>:<account>:alarm:<name>, as SNS's documentation writes it.
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
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
