import { CfnOutput, Stack } from 'aws-cdk-lib';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/**
 * Mail: the sending domain's SES identity, with its three DKIM records as stack outputs (to
 * publish in the domain's DNS), and a configuration set that keeps bounces and complaints off
 * future sends.
 */
export class EssaimMail extends Construct {
  readonly configurationSetName: string;
  /** What `ses:SendEmail` may name: the identity and the configuration set. */
  readonly resources: readonly string[];

  constructor(scope: Construct, id: string, props: { readonly mailDomain: string }) {
    super(scope, id);
    const configurationSet = new ConfigurationSet(scope, 'MailConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const identity = new EmailIdentity(scope, 'MailIdentity', {
      identity: Identity.domain(props.mailDomain),
      configurationSet,
    });
    const stack = Stack.of(this);
    this.configurationSetName = configurationSet.configurationSetName;
    this.resources = [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName }),
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: configurationSet.configurationSetName,
      }),
    ];
    identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(scope, `DkimRecord${index + 1}`, {
        description: `DKIM record ${index + 1} of 3 to publish in the DNS of ${props.mailDomain} (CNAME name → value)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
}
