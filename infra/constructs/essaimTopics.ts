import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { type TopicName, topicConstructId, topics } from '../../functions/catalogue.ts';
import type { TopicDefinition, TopicPublisher } from '../../functions/manifest.ts';

/** The service principal that publishes as each kind of publisher. */
const publisherPrincipals: Readonly<Record<TopicPublisher, string>> = { sesEvents: 'ses.amazonaws.com' };

/**
 * One SNS topic per topic a feature owns, HTTPS only, encrypted with a key of the stack's own:
 * SES's events carry recipients' addresses, and SES cannot publish to a topic encrypted with
 * the AWS-managed `aws/sns` key (its policy cannot be changed), so the key lets the publishing
 * service use it, for SNS topics of this account and region only. The messages live in SNS
 * only until delivered: nothing stays encrypted with the key, which goes with the stack.
 */
export class EssaimTopics extends Construct {
  readonly byName: Readonly<Record<TopicName, ITopic>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const definitions = Object.entries(topics) as [TopicName, TopicDefinition][];
    const stack = Stack.of(this);
    const key =
      definitions.length > 0
        ? new Key(scope, 'TopicsKey', {
            description: 'Encrypts the SNS topics of Essaim (SES events name their recipients)',
            enableKeyRotation: true,
            removalPolicy: RemovalPolicy.DESTROY,
            pendingWindow: Duration.days(7),
          })
        : undefined;
    for (const publisher of new Set(definitions.map(([, topic]) => topic.publishedBy))) {
      key?.addToResourcePolicy(
        new PolicyStatement({
          sid: `Publish${publisher.charAt(0).toUpperCase()}${publisher.slice(1)}`,
          principals: [new ServicePrincipal(publisherPrincipals[publisher])],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: {
            // SNS names the topic in the encryption context of every data key it asks for.
            ArnLike: {
              'kms:EncryptionContext:aws:sns:topicArn': stack.formatArn({
                service: 'sns',
                resource: '*',
              }),
            },
          },
        }),
      );
    }
    this.byName = Object.fromEntries(
      definitions.map(([name, definition]) => [
        name,
        new Topic(scope, topicConstructId(name), {
          displayName: definition.description.slice(0, 100),
          enforceSSL: true,
          ...(key ? { masterKey: key } : {}),
        }),
      ]),
    ) as unknown as Record<TopicName, ITopic>;
  }

  /** The topic AWS publishes to as `publisher`, if a feature declared one. */
  publishedBy(publisher: TopicPublisher): ITopic | undefined {
    const found = (Object.entries(topics) as [TopicName, TopicDefinition][]).find(
      ([, topic]) => topic.publishedBy === publisher,
    );
    return found ? this.byName[found[0]] : undefined;
  }
}
