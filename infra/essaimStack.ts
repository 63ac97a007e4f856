import {
  DefaultStackSynthesizer,
  Lazy,
  NestedStack,
  Stack,
  type StackProps,
  Token,
  Validations,
} from 'aws-cdk-lib';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { EssaimAlarms } from './constructs/essaimAlarms.ts';
import { EssaimApi } from './constructs/essaimApi.ts';
import { EssaimMail } from './constructs/essaimMail.ts';
import { EssaimPages } from './constructs/essaimPages.ts';
import { EssaimTables } from './constructs/essaimTables.ts';
import { EssaimTopics } from './constructs/essaimTopics.ts';
import { EssaimWorkers } from './constructs/essaimWorkers.ts';
import type { EssaimSettings } from './settings.ts';

export interface EssaimStackProps extends StackProps {
  readonly settings: EssaimSettings;
}

/**
 * Essaim in one stack, built from the features' manifests (`functions/catalogue.ts`): their
 * tables and topics, mail, the HTTP API with one function per route, the workers, alarms, and the hosted
 * visitor pages (`web/`) behind CloudFront.
 */
export class EssaimStack extends Stack {
  constructor(scope: Construct, id: string, props: EssaimStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const tables = new EssaimTables(this, 'Tables', { production: settings.stage === 'prod' });
    const topics = new EssaimTopics(this, 'Topics');
    const mail = new EssaimMail(this, 'Mail', {
      mailDomain: settings.mailDomain,
      eventsTopic: topics.publishedBy('sesEvents'),
    });
    const alarms = new EssaimAlarms(
      this,
      'Alarms',
      settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {},
    );
    // The pages call the API, the API allows their origin and every mail links to them: the
    // pages come first, and read the API's address once it exists.
    const apiUrl = Lazy.string({ produce: () => api.url });
    const pages = new EssaimPages(this, 'Pages', {
      production: settings.stage === 'prod',
      apiUrl,
      // CloudFormation cannot create the API allowing the distribution's origin while the
      // distribution's CSP names the API: without a domain of its own, the CSP names the
      // region's API Gateway hosts instead (`img-src https:` already lets a page reach any host).
      apiSource: settings.pagesDomain ? apiUrl : `https://*.execute-api.${this.region}.${this.urlSuffix}`,
      siteName: settings.functionEnvironment.SITE_NAME ?? 'Essaim',
      eventUrlPattern: settings.functionEnvironment.EVENT_URL_PATTERN,
      ...(settings.pagesDomain ? { domain: settings.pagesDomain } : {}),
    });
    const corsOrigins = [...new Set([...settings.corsOrigins, pages.url])];
    const functions = {
      tables: tables.byName,
      mailResources: mail.resources,
      environment: {
        ...settings.functionEnvironment,
        PAGES_URL: pages.url,
        // Resolved once the API exists: only its routes depend on the functions, not the API itself.
        API_URL: apiUrl,
        CORS_ORIGINS: corsOrigins.join(','),
        SES_CONFIGURATION_SET: mail.configurationSetName,
        SES_BULK_CONFIGURATION_SET: mail.bulkConfigurationSetName,
        POWERTOOLS_SERVICE_NAME: 'essaim',
        POWERTOOLS_METRICS_NAMESPACE: 'Essaim',
      },
      secretParameters: settings.secretParameters,
    };
    const api = new EssaimApi(this, 'Api', {
      stage: settings.stage,
      corsOrigins,
      throttle: settings.throttle,
      functions,
      alarms,
    });
    // Stream workers and schedules in a nested stack: with one function per route and per worker,
    // one stack would pass CloudFormation's 500 resources. A nested stack is one resource of its
    // parent, deployed with it by the same `cdk deploy`; its references to the tables and the
    // API's address are passed as parameters.
    const workersStack = new NestedStack(this, 'WorkersStack', {
      description: 'Essaim: stream workers and schedules',
    });
    new EssaimWorkers(this, 'Workers', {
      functions,
      alarms,
      topics: topics.byName,
      streamAndScheduleScope: workersStack,
    });
    acknowledgeNagFindings(this, pages, settings);
  }
}

/** The cdk-nag findings we accept, each with its reason. Everything else fails the tests. */
function acknowledgeNagFindings(stack: Stack, pages: EssaimPages, settings: EssaimSettings): void {
  const accepted: { id: string; reason: string }[] = [
    {
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole only lets a function write logs; CDK attaches it to the functions it makes (NodejsFunction, the pages deployment) and it grants nothing else.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only X-Ray PutTraceSegments/PutTelemetryRecords (tracing, no resource-level permissions), the pages deployment’s CloudFront CreateInvalidation/GetInvalidation (granted so by BucketDeployment) and the deploy-time call that turns on SES account-level suppression (ses:PutAccountSuppressionAttributes, an account setting with no resource to name) use "*".',
    },
    {
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'The routes serve public forms and the public programme: visitors are anonymous by design, every input is validated and the stage is throttled.',
    },
  ];
  for (const finding of accepted) Validations.of(stack).acknowledge(finding);

  const pagesFindings: { id: string; reason: string }[] = [
    {
      id: 'AwsSolutions::AwsSolutions-CFR1',
      reason:
        'No geo restriction: the networks’ visitors include people abroad and in the overseas departments and territories, and the pages are public.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-CFR2',
      reason:
        'No WAF: the distribution serves only static public files from S3 (no form, no server code behind it; forms post to the throttled API), Shield Standard covers it, and a web ACL would cost a network more than the rest of the stack.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-CFR3',
      reason:
        'No access logs: the addresses of the manage and attendee-list pages carry their credential (?jeton=…), which logs would keep, and visitors’ IP addresses are personal data; CloudFront’s metrics remain.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'No server access logs: only CloudFront reads the bucket (Origin Access Control, without query strings) and only the stack’s deployment writes it; its files are public and rebuilt from the repository at each deploy.',
    },
  ];
  if (!settings.pagesDomain)
    pagesFindings.push({
      id: 'AwsSolutions::AwsSolutions-CFR4',
      reason:
        'Without pagesDomain the distribution answers on its *.cloudfront.net name with CloudFront’s default certificate, whose policy cannot be changed; with pagesDomain it requires TLS 1.2 (TLSv1.2_2021).',
    });
  for (const finding of pagesFindings) Validations.of(pages).acknowledge(finding);

  // aws-cdk-lib's function that copies the pages into the bucket, and its role.
  const assetsBucket = `arn:<AWS::Partition>:s3:::${bootstrapAssetsBucketName(stack)}`;
  const pagesBucket = `<${stack.getLogicalId(pages.bucket.node.defaultChild as CfnBucket)}.Arn>`;
  const deploymentFindings: { id: string; reason: string }[] = [
    {
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'The pages deployment runs aws-cdk-lib’s BucketDeployment handler, whose Python runtime (with its AWS CLI layer) CDK chooses and updates; it runs only while deploying.',
    },
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*'].map((action) => ({
      id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
      reason:
        'BucketDeployment’s grants: read the deployment’s zip files in the CDK assets bucket, and list and read the pages bucket it syncs into; no other bucket.',
    })),
    ...['s3:DeleteObject*', 's3:Abort*'].map((action) => ({
      id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
      reason:
        'BucketDeployment’s grants on the pages bucket only: replace its objects (prune is off, so nothing is deleted in practice) and abort a failed multipart upload.',
    })),
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${assetsBucket}/*]`,
      reason:
        'The deployment reads its zip files among the CDK bootstrap assets; the objects’ keys are hashes known only at synth.',
    },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${pagesBucket}/*]`,
      reason:
        'The deployment writes every key of the pages bucket: pages, scripts and config.json, under names the build chooses.',
    },
  ];
  for (const finding of deploymentFindings) Validations.of(pages.deploymentHandler).acknowledge(finding);
}

/** The CDK bootstrap bucket of file assets, as cdk-nag spells it (`<AWS::AccountId>` when the account is unknown). */
function bootstrapAssetsBucketName(stack: Stack): string {
  const qualifier =
    (stack.synthesizer instanceof DefaultStackSynthesizer
      ? stack.synthesizer.bootstrapQualifier
      : undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const known = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return `cdk-${qualifier}-assets-${known(stack.account, 'AccountId')}-${known(stack.region, 'Region')}`;
}
