import { Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EssaimAlarms } from './constructs/essaimAlarms.ts';
import { EssaimApi } from './constructs/essaimApi.ts';
import { EssaimMail } from './constructs/essaimMail.ts';
import { EssaimTables } from './constructs/essaimTables.ts';
import { EssaimWorkers } from './constructs/essaimWorkers.ts';
import type { EssaimSettings } from './settings.ts';

export interface EssaimStackProps extends StackProps {
  readonly settings: EssaimSettings;
}

/**
 * Essaim in one stack, built from the features' manifests (`functions/catalogue.ts`): their
 * tables, mail, the HTTP API with one function per route, the workers, alarms.
 */
export class EssaimStack extends Stack {
  constructor(scope: Construct, id: string, props: EssaimStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const tables = new EssaimTables(this, 'Tables', { production: settings.stage === 'prod' });
    const mail = new EssaimMail(this, 'Mail', { mailDomain: settings.mailDomain });
    const alarms = new EssaimAlarms(
      this,
      'Alarms',
      settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {},
    );
    const functions = {
      tables: tables.byName,
      mailResources: mail.resources,
      environment: {
        ...settings.functionEnvironment,
        SES_CONFIGURATION_SET: mail.configurationSetName,
        POWERTOOLS_SERVICE_NAME: 'essaim',
        POWERTOOLS_METRICS_NAMESPACE: 'Essaim',
      },
      secretParameters: settings.secretParameters,
    };
    new EssaimApi(this, 'Api', {
      stage: settings.stage,
      corsOrigins: settings.corsOrigins,
      throttle: settings.throttle,
      functions,
      alarms,
    });
    new EssaimWorkers(this, 'Workers', { functions, alarms });
    acknowledgeNagFindings(this);
  }
}

/** The cdk-nag findings we accept, each with its reason. Everything else fails the tests. */
function acknowledgeNagFindings(stack: Stack): void {
  const accepted: { id: string; reason: string }[] = [
    {
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole only lets a function write logs; NodejsFunction attaches it and it grants nothing else.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only X-Ray PutTraceSegments/PutTelemetryRecords (tracing) use "*": these actions have no resource-level permissions.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'The routes serve public forms and the public programme: visitors are anonymous by design, every input is validated and the stage is throttled.',
    },
  ];
  for (const finding of accepted) Validations.of(stack).acknowledge(finding);
}
