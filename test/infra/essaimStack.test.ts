import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type NestedStack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deployedFunctions,
  httpRoutes as routes,
  scheduledWorkers,
  streamWorkers,
  type TableName,
  tableConstructId,
  tables,
  topicSubscribers,
} from '../../functions/catalogue.ts';
import { responseHeadersBehaviours } from '../../infra/constructs/essaimPages.ts';
import { EssaimStack } from '../../infra/essaimStack.ts';
import { settingsFromContext } from '../../infra/settings.ts';
import { cacheControl, pagesContentSecurityPolicy } from '../../web/pageHeaders.ts';
import { hostedPages } from '../../web/pages.ts';

const projectDirectory = join(import.meta.dirname, '..', '..');

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
};
type Resources = Record<string, Resource>;

/** A template value as text: `${Resource.Attribute}` / `${Ref}` for what CloudFormation resolves. */
function flattened(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, unknown>;
  if (typeof intrinsic.Ref === 'string') return `\${${intrinsic.Ref}}`;
  if (Array.isArray(intrinsic['Fn::GetAtt'])) return `\${${(intrinsic['Fn::GetAtt'] as string[]).join('.')}}`;
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(flattened).join(separator);
  }
  return JSON.stringify(value);
}

/**
 * A circular dependency between resources, if any: CloudFormation refuses such a template at
 * deploy time, while `cdk synth` writes it without a word.
 */
function dependencyCycle(resources: Resources): string[] | undefined {
  const references = (value: unknown, found: Set<string>): Set<string> => {
    if (Array.isArray(value)) for (const item of value) references(item, found);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        if (key === 'Ref' && typeof item === 'string') found.add(item);
        else if (key === 'Fn::GetAtt')
          found.add(String(Array.isArray(item) ? item[0] : item).split('.')[0] ?? '');
        else if (key === 'Fn::Sub') {
          const [text, variables] = Array.isArray(item) ? item : [item, {}];
          for (const [, name] of String(text).matchAll(/\$\{([^}!.]+)/g)) found.add(name ?? '');
          references(variables, found);
        } else references(item, found);
      }
    return found;
  };
  const edges = new Map(
    Object.entries(resources).map(([id, resource]) => [
      id,
      [...references(resource.Properties ?? {}, new Set([resource.DependsOn ?? []].flat()))].filter(
        (target) => target in resources,
      ),
    ]),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    state.set(id, 'visiting');
    for (const target of edges.get(id) ?? []) {
      if (state.get(target) === 'visiting') return [...path.slice(path.indexOf(target)), target];
      if (!state.has(target)) {
        const cycle = visit(target, [...path, target]);
        if (cycle) return cycle;
      }
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    if (state.has(id)) continue;
    const cycle = visit(id, [id]);
    if (cycle) return cycle;
  }
  return undefined;
}

type NagReport = {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: unknown[];
    suppressedViolations: { ruleName: string; reason: string }[];
  }[];
};
const nagReport = (assemblyDirectory: string) =>
  (
    JSON.parse(readFileSync(join(assemblyDirectory, 'validation-report.json'), 'utf8')) as NagReport
  ).pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions');

const tokenPagePaths = Object.values(hostedPages)
  .filter((page) => page.carriesToken)
  .map((page) => page.path);

const ofType = (resources: Resources, type: string) =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);
/** The one resource of a type, with its logical id. */
function only(resources: Resources, type: string): [string, Resource] {
  const found = ofType(resources, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
}
const distributionOf = (resources: Resources) => {
  const [id, distribution] = only(resources, 'AWS::CloudFront::Distribution');
  return { id, config: distribution.Properties.DistributionConfig as Record<string, unknown> };
};
/** The response headers policy a behaviour names. */
const headersPolicyOf = (resources: Resources, behaviour: unknown) => {
  const id = ((behaviour as Record<string, unknown>).ResponseHeadersPolicyId as { Ref: string }).Ref;
  const config = resources[id]?.Properties.ResponseHeadersPolicyConfig as Record<string, unknown>;
  return {
    security: config.SecurityHeadersConfig as Record<string, Record<string, unknown>>,
    custom: (config.CustomHeadersConfig as { Items: unknown[] } | undefined)?.Items ?? [],
    cors: config.CorsConfig,
  };
};
/** The topic every alarm publishes to. */
const alarmTopic = (resources: Resources) => {
  const found = ofType(resources, 'AWS::SNS::Topic').filter(([id]) => id.startsWith('AlarmTopic'));
  expect(found).toHaveLength(1);
  return (found[0] as [string, Resource])[0];
};
/** The KMS key a topic is encrypted with, with its logical id. */
const topicKey = (resources: Resources, topicId: string): [string, Resource] => {
  const keyArn = resources[topicId]?.Properties.KmsMasterKeyId as { 'Fn::GetAtt'?: [string, string] };
  const keyId = keyArn?.['Fn::GetAtt']?.[0] ?? '';
  expect(keyArn, topicId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  return [keyId, resources[keyId] as Resource];
};
type Statement = {
  Effect: string;
  Principal?: { Service?: string };
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
/** The statements of a policy document that name `service` as their principal. */
const statementsFor = (document: unknown, service: string) =>
  (document as { Statement: Statement[] }).Statement.filter(
    (statement) => statement.Principal?.Service === service,
  );
/** The singleton function of aws-cdk-lib's `AwsCustomResource` (account-level SES suppression). */
const awsCustomResourceFunction = 'AWS679f53fac002430cb0da5b7982bd2287';
/**
 * Every function of Essaim's (aws-cdk-lib's own, for the pages' deployment, SDK calls and the
 * triggers that run a worker after deployment, `AWSCDK…`, are not).
 */
const essaimFunctions = (resources: Resources) =>
  ofType(resources, 'AWS::Lambda::Function').filter(
    ([id]) =>
      !id.startsWith('Custom') && !id.startsWith(awsCustomResourceFunction) && !id.startsWith('AWSCDK'),
  );
const variablesOf = (lambda: Resource) =>
  (lambda.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

/** Synthesises once, with cdk-nag's AwsSolutions pack: an unacknowledged finding throws here. */
function synth(context: Record<string, unknown>) {
  const app = new App({ context });
  const settings = settingsFromContext((key) => app.node.tryGetContext(key));
  const stack = new EssaimStack(app, `Essaim-${settings.stage}`, { settings, env: { region: 'eu-west-3' } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  // The stream workers and schedules live in a nested stack (`WorkersStack`): its resources are
  // read with the parent's, as one deployment holds them all.
  const root = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, unknown>;
  };
  const nested = Template.fromStack(stack.node.findChild('WorkersStack') as NestedStack).toJSON() as {
    Resources: Record<string, unknown>;
  };
  // What the parent passes the nested stack for each of its parameters (a table's ARN, the API's
  // address…): put back in place of the parameter, the nested resources read as the parent's.
  const passed = Object.values(root.Resources as Record<string, Resource>).find(
    (resource) => resource.Type === 'AWS::CloudFormation::Stack',
  )?.Properties.Parameters as Record<string, unknown>;
  const resolved = JSON.parse(JSON.stringify(nested.Resources), (_key, value: unknown) => {
    const ref = (value as { Ref?: unknown } | null)?.Ref;
    return typeof ref === 'string' && passed && ref in passed ? passed[ref] : value;
  }) as Record<string, unknown>;
  return {
    template: Template.fromJSON({ ...root, Resources: { ...root.Resources, ...resolved } }),
    assembly,
  };
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
      eventUrlPattern: 'https://www.cress-exemple.fr/agenda/{slug}',
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
    const nag = nagReport(assemblyDirectory);
    expect(nag?.conclusion).toBe('success');
    expect(nag?.violations).toEqual([]);
    const acknowledged = new Set(
      nag?.suppressedViolations.map((violation) => violation.ruleName.split('[')[0]),
    );
    expect([...acknowledged].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-S1',
      'AwsSolutions-SQS3',
    ]);
    for (const violation of nag?.suppressedViolations ?? [])
      expect(violation.reason.length).toBeGreaterThan(40);
  });

  it('makes one Node 24 function per route, plus the fallback and the workers, arm64 unless a native addon says', () => {
    // aws-cdk-lib's own functions (the pages' deployment) are named Custom…
    const lambdas = essaimFunctions(resources).map(([, lambda]) => lambda);
    expect(lambdas).toHaveLength(
      routes.length + 1 + streamWorkers.length + scheduledWorkers.length + topicSubscribers.length,
    );
    for (const lambda of lambdas) {
      expect(lambda.Properties.Runtime).toBe('nodejs24.x');
      expect(lambda.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    }
    for (const fn of [...routes, ...streamWorkers, ...scheduledWorkers, ...topicSubscribers])
      expect(functionsNamed(fn.name)[0]?.[1].Properties.Architectures, fn.name).toEqual([
        fn.nativeAddon?.architecture ?? 'arm64',
      ]);
    for (const route of routes) {
      expect(functionsNamed(route.name), route.name).toHaveLength(1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
      });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    // Scheduled workers get the time a busy day needs; the others stay short.
    for (const worker of scheduledWorkers) {
      expect(functionsNamed(worker.name)[0]?.[1].Properties.Timeout, worker.name).toBe(
        worker.timeoutSeconds ?? 10,
      );
    }
    expect(functionsNamed(routes[0]?.name ?? '')[0]?.[1].Properties.Timeout).toBe(10);
  });

  it('ships a native addon beside its function’s bundle, not in it: packages, binding and files', () => {
    const withAddon = [...streamWorkers, ...scheduledWorkers].filter((fn) => fn.nativeAddon);
    expect(withAddon.map((fn) => fn.name).sort()).toEqual(['acceptPrintRequests', 'printAtDeadlines']);
    for (const fn of withAddon) {
      const addon = fn.nativeAddon as NonNullable<typeof fn.nativeAddon>;
      const code = functionsNamed(fn.name)[0]?.[1].Properties.Code as { S3Key: string };
      const asset = join(assemblyDirectory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
      for (const name of addon.packages)
        expect(existsSync(join(asset, 'node_modules', name, 'package.json')), `${fn.name}: ${name}`).toBe(
          true,
        );
      for (const folder of Object.values(addon.files ?? {}))
        expect(readdirSync(join(asset, folder)).length, `${fn.name}: ${folder}`).toBeGreaterThan(0);
      // The bundle imports the addon from beside it rather than holding it.
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      expect(bundle).toContain(`"${addon.packages[0]}"`);
      expect(bundle.length).toBeLessThan(2_000_000);
    }
  });

  it('ships each function’s data files beside its bundle, out of it, and its bundle with its source map', () => {
    const withData = deployedFunctions.filter((fn) => fn.dataFiles);
    expect(withData.length).toBeGreaterThan(0);
    const assetOf = (name: string) => {
      const code = functionsNamed(name)[0]?.[1].Properties.Code as { S3Key: string };
      return join(assemblyDirectory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    };
    for (const fn of withData)
      for (const [from, to] of Object.entries(fn.dataFiles ?? {})) {
        const shipped = join(assetOf(fn.name), to);
        expect(existsSync(shipped), `${fn.name}: ${to}`).toBe(true);
        expect(readFileSync(shipped).equals(readFileSync(join(projectDirectory, from))), to).toBe(true);
      }
    for (const fn of deployedFunctions) {
      const files = readdirSync(assetOf(fn.name));
      expect(files, fn.name).toEqual(
        expect.arrayContaining(['index.mjs', 'index.mjs.map', ...Object.values(fn.dataFiles ?? {})]),
      );
      // The handler Lambda is given is the bundle's export.
      expect(functionsNamed(fn.name)[0]?.[1].Properties.Handler, fn.name).toBe('index.handler');
      expect(readFileSync(join(assetOf(fn.name), 'index.mjs'), 'utf8'), fn.name).toMatch(/as handler\b/);
    }
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
    // Only the finders of personal data query the byAddress indexes, and name each one.
    expect(cancel).not.toContain('/index/');
    const eraser = policyOf('erasePersonalDataOnRequest');
    expect(eraser).toContain('/index/byAddress');
    expect(eraser).not.toContain('ses:');
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
    // Secrets come through the Parameters and Secrets extension (arm64 layer), which only
    // functions with a secret parameter get.
    const layersOf = (name: string) => JSON.stringify(functionsNamed(name)[0]?.[1].Properties.Layers ?? []);
    expect(layersOf('receiveSanityWebhook')).toContain('AWS-Parameters-and-Secrets-Lambda-Extension-Arm64');
    expect(environmentOf('receiveSanityWebhook')).toMatchObject({
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
      SSM_PARAMETER_STORE_TTL: '300',
    });
    expect(layersOf('listEvents')).toBe('[]');
  });

  it('sends every alarm to a topic CloudWatch can publish to: its own key and policy, not aws/sns', () => {
    const topicId = alarmTopic(resources);
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
    // CloudWatch cannot use the AWS-managed key (its policy cannot be changed): a key of the stack's.
    const topic = resources[topicId] as Resource;
    expect(JSON.stringify(topic.Properties.KmsMasterKeyId)).not.toContain('alias/aws/sns');
    const [keyId, key] = topicKey(resources, topicId);
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: 7 });
    expect(key.DeletionPolicy).toBe('Delete');
    const keyStatement = statementsFor(key.Properties.KeyPolicy, 'cloudwatch.amazonaws.com');
    expect(keyStatement).toHaveLength(1);
    expect(keyStatement[0]).toMatchObject({
      Effect: 'Allow',
      Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
    });
    // For SNS topics of this account and region only.
    expect(flattened(keyStatement[0]?.Condition?.ArnLike?.['kms:EncryptionContext:aws:sns:topicArn'])).toBe(
      `arn:\${AWS::Partition}:sns:eu-west-3:\${AWS::AccountId}:*`,
    );
    // The topic's policy replaces SNS's default one: it lets this account's alarms publish, over TLS only.
    const [, policy] = ofType(resources, 'AWS::SNS::TopicPolicy').find(([, candidate]) =>
      (candidate.Properties.Topics as unknown[]).some((ref) => flattened(ref) === `\${${topicId}}`),
    ) as [string, Resource];
    const publish = statementsFor(policy.Properties.PolicyDocument, 'cloudwatch.amazonaws.com');
    expect(publish).toHaveLength(1);
    expect(publish[0]).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: topicId } });
    expect(flattened(publish[0]?.Condition?.ArnLike?.['aws:SourceArn'])).toBe(
      `arn:\${AWS::Partition}:cloudwatch:eu-west-3:\${AWS::AccountId}:alarm:*`,
    );
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('AllowPublishThroughSSLOnly');
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
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'cress-exemple.fr' });
    template.hasOutput('ApiUrl', {});
    // The three DKIM records to publish, as outputs: no console needed to find them.
    for (const index of [1, 2, 3]) template.hasOutput(`DkimRecord${index}`, { Value: Match.anyValue() });
  });

  describe('bounces, complaints and the suppression set', () => {
    const configurationSets = () => ofType(resources, 'AWS::SES::ConfigurationSet');
    /** The events topic (the other topic is the alarms'). */
    const byPrefix = (type: string, prefix: string): [string, Resource] => {
      const found = ofType(resources, type).filter(([id]) => id.startsWith(prefix));
      expect(found, prefix).toHaveLength(1);
      return found[0] as [string, Resource];
    };
    const eventsTopic = () => byPrefix('AWS::SNS::Topic', 'MailEventsTopic')[0];

    it('has two configuration sets, transactional and bulk, each suppressing bounces and complaints', () => {
      const sets = configurationSets();
      expect(sets.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
        'BulkMailConfigurationSet',
        'MailConfigurationSet',
      ]);
      for (const [, set] of sets)
        expect(set.Properties).toMatchObject({
          SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
          ReputationOptions: { ReputationMetricsEnabled: true },
        });
      const environment = variablesOf(functionsNamed('sendContactEmails')[0]?.[1] as Resource);
      const setIds = Object.fromEntries(sets.map(([id]) => [id.replace(/[0-9A-F]{8}$/, ''), id]));
      expect(environment.SES_CONFIGURATION_SET).toEqual({ Ref: setIds.MailConfigurationSet });
      expect(environment.SES_BULK_CONFIGURATION_SET).toEqual({ Ref: setIds.BulkMailConfigurationSet });
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setIds.MailConfigurationSet } },
      });
    });

    it('publishes bounces, complaints, deliveries and rejects of both sets to one encrypted topic', () => {
      const destinations = ofType(resources, 'AWS::SES::ConfigurationSetEventDestination');
      expect(destinations).toHaveLength(2);
      expect(
        destinations.map(([, destination]) => destination.Properties.ConfigurationSetName).sort(),
      ).toEqual(
        configurationSets()
          .map(([id]) => ({ Ref: id }))
          .sort(),
      );
      for (const [, destination] of destinations)
        expect(destination.Properties.EventDestination).toEqual({
          Enabled: true,
          MatchingEventTypes: ['bounce', 'complaint', 'delivery', 'reject'],
          SnsDestination: { TopicARN: { Ref: eventsTopic() } },
        });
      // Encrypted with a rotated key of the stack that SES may use for SNS topics only.
      const [keyId, key] = topicKey(resources, eventsTopic());
      expect(key.Type).toBe('AWS::KMS::Key');
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(keyId).not.toBe(topicKey(resources, alarmTopic(resources))[0]);
      const sesStatement = (
        key.Properties.KeyPolicy as { Statement: { Principal?: { Service?: string }; Condition?: unknown }[] }
      ).Statement.find((statement) => statement.Principal?.Service === 'ses.amazonaws.com');
      expect(JSON.stringify(sesStatement?.Condition)).toContain('kms:EncryptionContext:aws:sns:topicArn');
      // Only SES, for these two sets, may publish; over TLS only.
      const policy = JSON.stringify(
        byPrefix('AWS::SNS::TopicPolicy', 'MailEventsTopicPolicy')[1].Properties.PolicyDocument,
      );
      expect(policy).toContain('AllowPublishThroughSSLOnly');
      for (const [id] of configurationSets()) expect(policy).toContain(`configuration-set/",{"Ref":"${id}"}`);
    });

    it('subscribes the consumer, retried then sent to alarmed dead letters, with write access only', () => {
      const [consumerId] = functionsNamed('recordMailFeedback')[0] ?? [];
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        TopicArn: { Ref: eventsTopic() },
        Endpoint: { 'Fn::GetAtt': [consumerId, 'Arn'] },
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: consumerId },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmDescription: Match.stringLikeRegexp('bounce or complaint'),
        MetricName: 'ApproximateNumberOfMessagesVisible',
      });
      const consumer = policyOf('recordMailFeedback');
      expect(consumer).toContain('MailFeedback');
      expect(consumer).toContain('dynamodb:PutItem');
      expect(consumer).not.toContain('dynamodb:GetItem');
      expect(consumer).toContain('parameter/essaim/prod/address-hash-key');
      expect(consumer).not.toContain('ses:');
      // The rules run on the table's stream, on bounce and complaint facts only.
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionsNamed('applyMailFeedback')[0]?.[0] },
        FilterCriteria: {
          Filters: [{ Pattern: Match.stringLikeRegexp('"eventType":\\{"S":\\["Bounce","Complaint"\\]') }],
        },
      });
    });

    it('lets every function that sends mail read the suppression set with the address-hash key', () => {
      const senders = [...streamWorkers, ...scheduledWorkers, ...routes].filter((fn) => fn.access.sendEmail);
      expect(senders.length).toBeGreaterThan(2);
      for (const sender of senders) {
        const policy = policyOf(sender.name);
        expect(policy, sender.name).toMatch(/"dynamodb:GetItem".*MailFeedback/);
        expect(policy, sender.name).toContain('parameter/essaim/prod/address-hash-key');
        const environment = variablesOf(functionsNamed(sender.name)[0]?.[1] as Resource);
        expect(environment.MAIL_FEEDBACK_TABLE, sender.name).toBeDefined();
        expect(environment.ADDRESS_HASH_KEY_PARAMETER, sender.name).toBe('/essaim/prod/address-hash-key');
      }
      // Sending may name the identity and both configuration sets, nothing else.
      const sending = policyOf('sendContactEmails');
      for (const [id] of configurationSets())
        expect(sending).toContain(`configuration-set/",{"Ref":"${id}"}`);
    });

    it('outputs the MAIL FROM records and a DMARC policy, and turns on account-level suppression', () => {
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: 'cress-exemple.fr',
        MailFromAttributes: {
          MailFromDomain: 'bounce.cress-exemple.fr',
          BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
        },
      });
      template.hasOutput('MailFromMxRecord', {
        Value: 'bounce.cress-exemple.fr MX 10 feedback-smtp.eu-west-3.amazonses.com',
      });
      template.hasOutput('MailFromSpfRecord', {
        Value: 'bounce.cress-exemple.fr TXT "v=spf1 include:amazonses.com ~all"',
      });
      template.hasOutput('DmarcRecord', {
        Value: '_dmarc.cress-exemple.fr TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@cress-exemple.fr"',
      });
      const [, call] = only(resources, 'Custom::AWS');
      for (const phase of ['Create', 'Update']) {
        expect(JSON.parse(call.Properties[phase] as string)).toMatchObject({
          service: 'SESv2',
          action: 'PutAccountSuppressionAttributes',
          parameters: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
        });
      }
      // Leaving the stack keeps the account protected.
      expect(call.Properties.Delete).toBeUndefined();
      const callPolicy = Object.entries(resources).find(
        ([id, resource]) => resource.Type === 'AWS::IAM::Policy' && id.startsWith('AccountSuppression'),
      )?.[1];
      expect(callPolicy?.Properties.PolicyDocument).toEqual({
        Statement: [{ Action: 'ses:PutAccountSuppressionAttributes', Effect: 'Allow', Resource: '*' }],
        Version: '2012-10-17',
      });
    });
  });

  describe('hosted pages, on the distribution’s own domain', () => {
    const pagesUrl = () => `https://\${${distributionOf(resources).id}.DomainName}`;

    it('keeps the files in a private bucket, kept in prod, that only the distribution reads, over TLS', () => {
      const [bucketId, bucket] = only(resources, 'AWS::S3::Bucket');
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(ofType(resources, 'Custom::S3AutoDeleteObjects')).toEqual([]);
      const [, bucketPolicy] = only(resources, 'AWS::S3::BucketPolicy');
      const statements = (
        bucketPolicy.Properties.PolicyDocument as {
          Statement: { Effect: string; Principal: unknown; Action: unknown; Condition?: unknown }[];
        }
      ).Statement;
      expect(JSON.stringify(bucketPolicy.Properties.Bucket)).toContain(bucketId);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      const allowed = statements.filter((statement) => statement.Effect === 'Allow');
      expect(allowed).toHaveLength(1);
      expect(allowed[0]).toMatchObject({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: ['s3:GetObject', 's3:ListBucket'],
      });
      expect(JSON.stringify(allowed[0]?.Condition)).toContain(distributionOf(resources).id);
    });

    it('serves them through Origin Access Control, HTTPS only, HTTP/2 and 3, compressed, index.html at /', () => {
      const { config } = distributionOf(resources);
      const [origin] = config.Origins as Record<string, unknown>[];
      expect(origin?.OriginAccessControlId).toEqual({
        'Fn::GetAtt': [only(resources, 'AWS::CloudFront::OriginAccessControl')[0], 'Id'],
      });
      expect(origin?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      expect(config).toMatchObject({
        DefaultRootObject: 'index.html',
        HttpVersion: 'http2and3',
        PriceClass: 'PriceClass_100',
        DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', Compress: true },
      });
      for (const behaviour of config.CacheBehaviors as Record<string, unknown>[])
        expect(behaviour).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true });
      // No access logs (tokens in addresses, IP addresses), no geo restriction, no alias.
      expect(config.Logging).toBeUndefined();
      expect(config.Restrictions).toBeUndefined();
      expect(config.Aliases).toBeUndefined();
    });

    it('sends the headers of web/pageHeaders.ts, the CSP naming the region’s API hosts', () => {
      const { config } = distributionOf(resources);
      const { security, custom, cors } = headersPolicyOf(resources, config.DefaultCacheBehavior);
      // Without a domain of its own, naming the API would be a circular dependency (see below).
      expect(flattened(security.ContentSecurityPolicy?.ContentSecurityPolicy)).toBe(
        pagesContentSecurityPolicy(`https://*.execute-api.eu-west-3.\${AWS::URLSuffix}`),
      );
      expect(security).toMatchObject({
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 63072000,
          IncludeSubdomains: true,
          Override: true,
        },
      });
      expect(custom).toEqual([
        {
          Header: 'Permissions-Policy',
          Value: 'camera=(), microphone=(), geolocation=(), payment=()',
          Override: true,
        },
        { Header: 'Cross-Origin-Resource-Policy', Value: 'cross-origin', Override: true },
      ]);
      // Host sites load the module, the stylesheet and config.json from their own origin.
      expect(cors).toMatchObject({
        AccessControlAllowOrigins: { Items: ['*'] },
        AccessControlAllowCredentials: false,
      });
    });

    it('gives the pages whose address carries a token no referrer, no indexing and no caching', () => {
      expect(tokenPagePaths).toEqual([
        '/inscription.html',
        '/liste-des-inscrits.html',
        '/confirmer-abonnement.html',
        '/preferences-abonnement.html',
        '/desabonnement.html',
        '/confirmer-donnees-personnelles.html',
        '/proposition.html',
        '/annuaire-fiche.html',
        '/rencontre-espace.html',
        '/rencontre-grille.html',
      ]);
      const behaviours = distributionOf(resources).config.CacheBehaviors as Record<string, unknown>[];
      expect(behaviours.map((behaviour) => behaviour.PathPattern)).toEqual(tokenPagePaths);
      for (const behaviour of behaviours) {
        const { security, custom } = headersPolicyOf(resources, behaviour);
        expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
        expect(security.ContentSecurityPolicy).toBeDefined();
        expect(security.StrictTransportSecurity).toBeDefined();
        expect(custom).toEqual(
          expect.arrayContaining([
            { Header: 'X-Robots-Tag', Value: 'noindex, nofollow', Override: true },
            { Header: 'Cache-Control', Value: 'no-store', Override: true },
          ]),
        );
      }
    });

    it('deploys versioned files for ever and the site for minutes, config.json naming the API', () => {
      const deployments = ofType(resources, 'Custom::CDKBucketDeployment').map(([, r]) => r.Properties);
      expect(deployments).toHaveLength(2);
      const withCache = (value: string) =>
        deployments.find((d) => (d.SystemMetadata as Record<string, string>)['cache-control'] === value);
      const immutable = withCache(cacheControl.immutable);
      const site = withCache(cacheControl.revalidated);
      expect(immutable).toMatchObject({ Prune: false });
      expect(immutable?.DistributionId).toBeUndefined();
      expect(site).toMatchObject({
        Prune: false,
        DistributionId: { Ref: distributionOf(resources).id },
        DistributionPaths: ['/*'],
      });
      // config.json is an asset of its own; its API address, a marker the deployment replaces.
      const assets = ((site?.SourceObjectKeys ?? []) as string[]).map((key) =>
        join(assemblyDirectory, `asset.${key.replace(/\.zip$/, '')}`),
      );
      const index = assets.findIndex((asset) => existsSync(join(asset, 'config.json')));
      const config = JSON.parse(readFileSync(join(assets[index] as string, 'config.json'), 'utf8')) as {
        apiUrl: string;
        eventUrlPattern: string | null;
      };
      expect(config.eventUrlPattern).toBe('https://www.cress-exemple.fr/agenda/{slug}');
      const markers = (site?.SourceMarkers ?? []) as Record<string, unknown>[];
      expect(markers[index]?.[config.apiUrl]).toEqual({
        'Fn::GetAtt': [only(resources, 'AWS::ApiGatewayV2::Api')[0], 'ApiEndpoint'],
      });
    });

    it('gives every function PAGES_URL, and lets the pages’ origin call the API', () => {
      const functions = essaimFunctions(resources);
      expect(functions.length).toBeGreaterThan(10);
      for (const [id, lambda] of functions) {
        expect(flattened(variablesOf(lambda).PAGES_URL), id).toBe(pagesUrl());
        expect(flattened(variablesOf(lambda).CORS_ORIGINS), id).toBe(
          `https://www.cress-exemple.fr,${pagesUrl()}`,
        );
      }
      const [, api] = only(resources, 'AWS::ApiGatewayV2::Api');
      const cors = api.Properties.CorsConfiguration as { AllowOrigins: unknown[] };
      expect(cors.AllowOrigins.map(flattened)).toEqual(['https://www.cress-exemple.fr', pagesUrl()]);
      expect(flattened(template.toJSON().Outputs.PagesUrl.Value)).toBe(pagesUrl());
      expect(template.toJSON().Outputs.PagesDistributionDomain.Value).toEqual({
        'Fn::GetAtt': [distributionOf(resources).id, 'DomainName'],
      });
    });

    it('has no circular dependency: CloudFormation can create the API and the distribution', () => {
      expect(dependencyCycle(resources)).toBeUndefined();
    });
  });
});

describe('EssaimStack with pagesDomain', () => {
  let resources: Resources;
  let template: Template;
  let assemblyDirectory: string;
  const certificateArn =
    'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1234-4abc-9def-0123456789ab';

  beforeAll(() => {
    let assembly: ReturnType<typeof synth>['assembly'];
    ({ template, assembly } = synth({
      // The functions' code is the first synth's business: no bundling here (half the time).
      'aws:cdk:bundling-stacks': [],
      stage: 'dev',
      mailDomain: 'cress-exemple.fr',
      corsOrigins: 'https://www.cress-exemple.fr',
      pagesDomain: 'evenements.cress-exemple.fr',
      pagesCertificateArn: certificateArn,
    }));
    resources = template.toJSON().Resources;
    assemblyDirectory = assembly.directory;
  });

  it('answers the domain with its us-east-1 certificate, TLS 1.2 at least', () => {
    expect(distributionOf(resources).config).toMatchObject({
      Aliases: ['evenements.cress-exemple.fr'],
      ViewerCertificate: {
        AcmCertificateArn: certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
    expect(template.toJSON().Outputs.PagesUrl.Value).toBe('https://evenements.cress-exemple.fr');
    // With the certificate, the TLS finding is met rather than acknowledged.
    const nag = nagReport(assemblyDirectory);
    expect(nag?.violations).toEqual([]);
    expect(nag?.suppressedViolations.map((violation) => violation.ruleName)).not.toContain(
      'AwsSolutions-CFR4',
    );
  });

  it('names the API itself in the CSP, and the domain in PAGES_URL and CORS', () => {
    const apiId = only(resources, 'AWS::ApiGatewayV2::Api')[0];
    const { security } = headersPolicyOf(resources, distributionOf(resources).config.DefaultCacheBehavior);
    expect(flattened(security.ContentSecurityPolicy?.ContentSecurityPolicy)).toBe(
      pagesContentSecurityPolicy(`\${${apiId}.ApiEndpoint}`),
    );
    for (const [id, lambda] of essaimFunctions(resources)) {
      expect(variablesOf(lambda).PAGES_URL, id).toBe('https://evenements.cress-exemple.fr');
      expect(variablesOf(lambda).CORS_ORIGINS, id).toBe(
        'https://www.cress-exemple.fr,https://evenements.cress-exemple.fr',
      );
    }
    expect(only(resources, 'AWS::ApiGatewayV2::Api')[1].Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://www.cress-exemple.fr', 'https://evenements.cress-exemple.fr'],
    });
    expect(dependencyCycle(resources)).toBeUndefined();
  });

  it('empties and deletes the bucket with a dev stack', () => {
    expect(only(resources, 'AWS::S3::Bucket')[1].DeletionPolicy).toBe('Delete');
    expect(ofType(resources, 'Custom::S3AutoDeleteObjects')).toHaveLength(1);
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

  it('takes pagesDomain with a certificate in us-east-1 only, and says why', () => {
    const context = (values: Record<string, string>) => (key: string) =>
      ({ mailDomain: 'cress.fr', ...values })[key];
    const arn = (region: string) =>
      `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-1234-4abc-9def-0123`;
    expect(settingsFromContext(context({})).pagesDomain).toBeUndefined();
    expect(
      settingsFromContext(
        context({ pagesDomain: 'Evenements.cress.fr', pagesCertificateArn: arn('us-east-1') }),
      ).pagesDomain,
    ).toEqual({ domainName: 'evenements.cress.fr', certificateArn: arn('us-east-1') });
    expect(() =>
      settingsFromContext(
        context({ pagesDomain: 'evenements.cress.fr', pagesCertificateArn: arn('eu-west-3') }),
      ),
    ).toThrow(/"pagesCertificateArn" must name a certificate in us-east-1, not eu-west-3: CloudFront/);
    expect(() =>
      settingsFromContext(
        context({ pagesDomain: 'evenements.cress.fr', pagesCertificateArn: 'mon-certificat' }),
      ),
    ).toThrow(/"pagesCertificateArn" must be the ARN of an ACM certificate/);
    expect(() => settingsFromContext(context({ pagesDomain: 'evenements.cress.fr' }))).toThrow(
      /"pagesCertificateArn" is required with "pagesDomain"/,
    );
    expect(() => settingsFromContext(context({ pagesCertificateArn: arn('us-east-1') }))).toThrow(
      /without "pagesDomain"/,
    );
    expect(() =>
      settingsFromContext(
        context({ pagesDomain: 'https://evenements.cress.fr/', pagesCertificateArn: arn('us-east-1') }),
      ),
    ).toThrow(/"pagesDomain" must be a domain name/);
  });
});

describe('responseHeadersBehaviours', () => {
  it('puts security headers in CloudFront’s settings and refuses what it cannot send', () => {
    expect(responseHeadersBehaviours({ 'x-robots-tag': 'noindex' })).toEqual({
      securityHeadersBehavior: {},
      customHeadersBehavior: {
        customHeaders: [{ header: 'X-Robots-Tag', value: 'noindex', override: true }],
      },
    });
    expect(
      responseHeadersBehaviours({ 'strict-transport-security': 'max-age=600; includeSubDomains; preload' })
        .securityHeadersBehavior?.strictTransportSecurity,
    ).toMatchObject({ includeSubdomains: true, preload: true, override: true });
    expect(() => responseHeadersBehaviours({ 'x-frame-options': 'ALLOW-FROM https://a.fr' })).toThrow(
      /X-Frame-Options/,
    );
    expect(() => responseHeadersBehaviours({ 'referrer-policy': 'no-referrer, origin' })).toThrow(
      /Referrer-Policy/,
    );
    expect(() => responseHeadersBehaviours({ 'strict-transport-security': 'max-age=1; always' })).toThrow(
      /Strict-Transport-Security/,
    );
  });
});
