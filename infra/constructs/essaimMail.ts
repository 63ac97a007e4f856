import { CfnOutput, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** What SES publishes to the events topic: what the suppression rules and the operators read. */
export const publishedMailEvents: readonly EmailSendingEvent[] = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
];

/** The MAIL FROM (return-path) subdomain of the mail domain: bounces come back there. */
export const mailFromSubdomain = 'bounce';

/**
 * Mail: the sending domain's SES identity with its DNS records as stack outputs (DKIM, a custom
 * MAIL FROM domain `bounce.<mailDomain>` with its MX and SPF records, a DMARC suggestion), and
 * two configuration sets, transactional (the identity's default) and bulk (newsletters), each
 * keeping bounces and complaints off future sends and publishing bounces, complaints,
 * deliveries and rejects to the events topic, whose consumer records them.
 *
 * Account-level suppression (bounces and complaints) has no CloudFormation resource: the stack
 * sets it with one SDK call (`sesv2:PutAccountSuppressionAttributes`, an `AwsCustomResource`)
 * at every deploy, so an account where someone turned it off gets it back, and nothing is left
 * to a manual step. Deleting the stack leaves it on: it protects the account's other senders too.
 */
export class EssaimMail extends Construct {
  readonly configurationSetName: string;
  readonly bulkConfigurationSetName: string;
  /** What `ses:SendEmail` may name: the identity and the configuration sets. */
  readonly resources: readonly string[];

  constructor(
    scope: Construct,
    id: string,
    props: { readonly mailDomain: string; readonly eventsTopic?: ITopic | undefined },
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    // Created in the stack's scope: the transactional set keeps the logical id of its first deploy.
    const configurationSet = new ConfigurationSet(scope, 'MailConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const bulkConfigurationSet = new ConfigurationSet(scope, 'BulkMailConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    if (props.eventsTopic) {
      for (const set of [configurationSet, bulkConfigurationSet]) {
        set.addEventDestination('Events', {
          destination: EventDestination.snsTopic(props.eventsTopic),
          events: [...publishedMailEvents],
        });
      }
    }
    const mailFromDomain = `${mailFromSubdomain}.${props.mailDomain}`;
    const identity = new EmailIdentity(scope, 'MailIdentity', {
      identity: Identity.domain(props.mailDomain),
      configurationSet,
      mailFromDomain,
      // Until the MX record is published, SES keeps its own return-path rather than refusing to send.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    this.configurationSetName = configurationSet.configurationSetName;
    this.bulkConfigurationSetName = bulkConfigurationSet.configurationSetName;
    const configurationSetArn = (name: string) =>
      stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: name });
    this.resources = [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName }),
      configurationSetArn(configurationSet.configurationSetName),
      configurationSetArn(bulkConfigurationSet.configurationSetName),
    ];

    identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(scope, `DkimRecord${index + 1}`, {
        description: `DKIM record ${index + 1} of 3 to publish in the DNS of ${props.mailDomain} (CNAME name → value)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(scope, 'MailFromMxRecord', {
      description: `Custom MAIL FROM domain: the MX record to publish, so that bounces return to SES through ${mailFromDomain}`,
      value: `${mailFromDomain} MX 10 feedback-smtp.${stack.region}.amazonses.com`,
    });
    new CfnOutput(scope, 'MailFromSpfRecord', {
      description: `Custom MAIL FROM domain: the SPF record to publish, so that ${mailFromDomain} may send through SES`,
      value: `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
    });
    new CfnOutput(scope, 'DmarcRecord', {
      description: `Suggested DMARC policy for ${props.mailDomain} (DKIM and MAIL FROM aligned): publish once DKIM is verified; rua names the mailbox that receives the aggregate reports`,
      value: `_dmarc.${props.mailDomain} TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@${props.mailDomain}"`,
    });

    const accountSuppression: AwsSdkCall = {
      service: 'SESv2',
      action: 'PutAccountSuppressionAttributes',
      parameters: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      physicalResourceId: PhysicalResourceId.of(`account-suppression-${stack.region}`),
    };
    new AwsCustomResource(scope, 'AccountSuppression', {
      onCreate: accountSuppression,
      onUpdate: accountSuppression,
      // An account-level action: IAM has no resource to name for it.
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['ses:PutAccountSuppressionAttributes'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    });
  }
}
