import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  httpRoutes as routes,
  scheduledWorkers,
  streamWorkers,
  type TableName,
  tableConstructId,
  tables,
} from '../../functions/catalogue.ts';
import { EssaimStack } from '../../infra/essaimStack.ts';
import { settingsFromContext } from '../../infra/settings.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

/** Synthesises once, with cdk-nag's AwsSolutions pack: an unacknowledged finding throws here. */
function synth(context: Record<string, unknown>) {
  const app = new App({ context });
  const settings = settingsFromContext((key) => app.node.tryGetContext(key));
  const stack = new EssaimStack(app, `Essaim-${settings.stage}`, { settings, env: { region: 'eu-west-3' } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return { template: Template.fromJSON(assembly.getStackByName(stack.stackName).template), assembly };
}

describe('EssaimStack', () => {
  let template: Template;
  let assemblyDirectory: string;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    let assembly: ReturnType<typeof synth>['assembly'];
    ({ template, assembly } = synth({
      stage: 'prod',
      mailDomain: 'cress-exemple.fr',
      corsOrigins: 'https://www.cress-exemple.fr',
      contactRecipients: JSON.stringify({ '*': ['contact@cress-exemple.fr'] }),
      sanityProjectId: 'abc123',
    }));
    resources = template.toJSON().Resources;
    assemblyDirectory = assembly.directory;
  });

  const functionsNamed = (name: string) =>
    Object.entries(resources).filter(
      ([id, resource]) => resource.Type === 'AWS::Lambda::Function' && id.startsWith(`${name}Function`),
    );
  const policyOf = (name: string) => {
    const entry = Object.entries(resources).find(
      ([id, resource]) =>
        resource.Type === 'AWS::IAM::Policy' && id.startsWith(`${name}FunctionServiceRoleDefaultPolicy`),
    );
    return JSON.stringify(entry?.[1].Properties.PolicyDocument ?? {});
  };

  it('passes cdk-nag AwsSolutions: no open finding, each acknowledged one with its reason', () => {
    const report = JSON.parse(readFileSync(join(assemblyDirectory, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        conclusion: string;
        violations: unknown[];
        suppressedViolations: { ruleName: string; reason: string }[];
      }[];
    };
    const nag = report.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions');
    expect(nag?.conclusion).toBe('success');
    expect(nag?.violations).toEqual([]);
    const acknowledged = new Set(
      nag?.suppressedViolations.map((violation) => violation.ruleName.split('[')[0]),
    );
    expect([...acknowledged].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-SQS3',
    ]);
    for (const violation of nag?.suppressedViolations ?? [])
      expect(violation.reason.length).toBeGreaterThan(40);
  });

  it('makes one Node 24 arm64 function per route, plus the fallback and the workers', () => {
    const lambdas = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(lambdas).toHaveLength(routes.length + 1 + streamWorkers.length + scheduledWorkers.length);
    for (const lambda of lambdas) {
      expect(lambda.Properties.Runtime).toBe('nodejs24.x');
      expect(lambda.Properties.Architectures).toEqual(['arm64']);
      expect(lambda.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    }
    for (const route of routes) {
      expect(functionsNamed(route.name), route.name).toHaveLength(1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
      });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    // Scheduled workers get the time a busy day needs; the others stay short.
    for (const worker of scheduledWorkers) {
      expect(functionsNamed(worker.name)[0]?.[1].Properties.Timeout, worker.name).toBe(worker.timeoutSeconds);
    }
    expect(functionsNamed(routes[0]?.name ?? '')[0]?.[1].Properties.Timeout).toBe(10);
  });

  it('defines every table once, on demand, with PITR, encryption, TTL, streams and retention in prod', () => {
    const tableResources = Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable',
    );
    expect(tableResources).toHaveLength(Object.keys(tables).length);
    for (const [name, definition] of Object.entries(tables)) {
      const constructId = tableConstructId(name as TableName);
      const [id, table] = tableResources.find(([logicalId]) => logicalId.startsWith(constructId)) ?? [];
      expect(id, constructId).toBeDefined();
      expect(table?.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      });
      expect(table?.Properties.StreamSpecification).toEqual(
        definition.stream ? { StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
      );
      expect((resources[id as string] as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe(
        'Retain',
      );
    }
  });

  it('feeds the workers from the streams with the same filters the local poller applies', () => {
    for (const worker of streamWorkers) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FilterCriteria: { Filters: worker.filters.map((filter) => ({ Pattern: JSON.stringify(filter) })) },
        BatchSize: worker.batchSize,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: worker.retryAttempts,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        StartingPosition: 'TRIM_HORIZON',
      });
    }
  });

  it('grants each function only what it uses', () => {
    const submit = policyOf('submitContactMessage');
    expect(submit).toContain('dynamodb:PutItem');
    expect(submit).not.toContain('ses:');
    expect(submit).not.toContain('Idempotency');
    const topics = policyOf('listContactTopics');
    expect(topics).not.toContain('ContactMessages');
    expect(topics).not.toContain('dynamodb:PutItem');
    expect(topics).not.toContain('ses:');
    const openApi = policyOf('getOpenApiDocument');
    expect(openApi).not.toContain('dynamodb:');
    const worker = policyOf('sendContactEmails');
    expect(worker).toContain('ses:SendEmail');
    expect(worker).toContain('Idempotency');
    expect(worker).toContain('dynamodb:GetRecords');
    expect(worker).not.toContain('"ses:*"');
    const webhook = policyOf('receiveSanityWebhook');
    expect(webhook).toContain('ssm:GetParameter');
    expect(webhook).toContain('parameter/essaim/prod/sanity-webhook-secret');
    expect(webhook).toContain('ContentChanges');
    expect(webhook).not.toContain('ContactMessages');
    const cancel = policyOf('cancelRegistration');
    expect(cancel).toContain('Registrations');
    expect(cancel).toContain('parameter/essaim/prod/token-keys');
    expect(cancel).not.toContain('ContactMessages');
    expect(cancel).not.toContain('ses:');
    expect(policyOf('sendRegistrationEmails')).toContain('ses:SendEmail');
    expect(policyOf('promoteFromWaitingList')).not.toContain('ses:');
    const programme = policyOf('listEvents');
    expect(programme).toContain('dynamodb:GetItem');
    expect(programme).not.toContain('dynamodb:PutItem');
    expect(programme).not.toContain('ssm:');
  });

  it('gives content readers the Sanity project and the webhook its secret parameter, never a secret value', () => {
    const environmentOf = (name: string): Record<string, unknown> => {
      const environment = functionsNamed(name)[0]?.[1].Properties.Environment as
        | { Variables: Record<string, unknown> }
        | undefined;
      return environment?.Variables ?? {};
    };
    expect(environmentOf('listEvents')).toMatchObject({
      SANITY_PROJECT_ID: 'abc123',
      SANITY_DATASET: 'production',
    });
    expect(environmentOf('receiveSanityWebhook')).toMatchObject({
      SANITY_WEBHOOK_SECRET_PARAMETER: '/essaim/prod/sanity-webhook-secret',
    });
    expect(environmentOf('receiveSanityWebhook').SANITY_WEBHOOK_SECRET).toBeUndefined();
    expect(environmentOf('submitContactMessage').SANITY_WEBHOOK_SECRET_PARAMETER).toBeUndefined();
  });

  it('throttles the stage, logs access without personal data, and alarms on dead letters and 5xx', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { Format: Match.stringLikeRegexp('requestId') },
    });
    const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
    expect(JSON.stringify(stage?.Properties.AccessLogSettings)).not.toMatch(/sourceIp|userAgent/);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xx' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      AlarmActions: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://www.cress-exemple.fr'] }),
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'cress-exemple.fr' });
    template.hasOutput('ApiUrl', {});
    // The three DKIM records to publish, as outputs: no console needed to find them.
    for (const index of [1, 2, 3]) template.hasOutput(`DkimRecord${index}`, { Value: Match.anyValue() });
  });
});

describe('settingsFromContext', () => {
  it('refuses an unknown stage and a missing mail domain', () => {
    expect(() => settingsFromContext((key) => ({ stage: 'staging', mailDomain: 'a.fr' })[key])).toThrow(
      /stage/,
    );
    expect(() => settingsFromContext((key) => ({ stage: 'dev' })[key as 'stage'])).toThrow(/mailDomain/);
    // A sender outside the mail domain would pass the synth and fail every mail in AWS.
    const context = (values: Record<string, string>) => (key: string) => values[key];
    expect(() =>
      settingsFromContext(context({ mailDomain: 'cress.fr', mailFrom: 'contact@gmail.com' })),
    ).toThrow(/mailFrom/);
    expect(
      settingsFromContext(context({ mailDomain: 'cress.fr', mailFrom: 'info@lettres.cress.fr' }))
        .functionEnvironment.MAIL_FROM,
    ).toBe('info@lettres.cress.fr');
    // Mails link to the site: http would break every registration mail.
    expect(() =>
      settingsFromContext(context({ mailDomain: 'cress.fr', siteUrl: 'http://www.cress.fr' })),
    ).toThrow(/siteUrl/);
  });
});
