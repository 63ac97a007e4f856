import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AttributeType,
  Billing,
  type ITableV2,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type FunctionPermissions, fallbackRoute, routes } from '../functions/routes.ts';
import { scheduledWorkers } from '../functions/schedules.ts';
import { streamWorkers } from '../functions/streamWorkers.ts';
import { type TableDefinition, type TableName, tables } from '../functions/tables.ts';
import { EssaimFunction } from './constructs/essaimFunction.ts';
import type { EssaimSettings } from './settings.ts';

export interface EssaimStackProps extends StackProps {
  readonly settings: EssaimSettings;
}

/** Essaim in one stack: tables, mail, the HTTP API with one function per route, stream workers, alarms. */
export class EssaimStack extends Stack {
  constructor(scope: Construct, id: string, props: EssaimStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const production = settings.stage === 'prod';

    const tableConstructs = Object.fromEntries(
      (Object.entries(tables) as [TableName, TableDefinition][]).map(([name, definition]) => [
        name,
        new TableV2(this, definition.id, {
          partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
          ...(definition.sortKey
            ? { sortKey: { name: definition.sortKey, type: AttributeType.STRING } }
            : {}),
          billing: Billing.onDemand(),
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          encryption: TableEncryptionV2.awsManagedKey(),
          timeToLiveAttribute: definition.timeToLiveAttribute,
          ...(definition.stream ? { dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES } : {}),
          deletionProtection: production,
          removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        }),
      ]),
    ) as unknown as Record<TableName, ITableV2>;

    // Mail: the sending domain (DKIM records to publish are in the console) and a configuration
    // set that keeps bounces and complaints off future sends.
    const configurationSet = new ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const identity = new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(settings.mailDomain),
      configurationSet,
    });
    const mailResources = [
      this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName }),
      this.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: configurationSet.configurationSetName,
      }),
    ];
    const environment = {
      STAGE: settings.stage,
      SITE_NAME: settings.siteName,
      MAIL_FROM: `${settings.siteName} <ne-pas-repondre@${settings.mailDomain}>`,
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      CORS_ORIGINS: settings.corsOrigins.join(','),
      CONTACT_RECIPIENTS: JSON.stringify(settings.contactRecipients),
      CONTACT_RETENTION_DAYS: String(settings.contactRetentionDays),
      PUBLIC_SITE_URL: settings.siteUrl,
      REGISTRATION_TOKEN_KEY_ID: settings.registrationTokenKeyId,
      POWERTOOLS_SERVICE_NAME: 'essaim',
    };
    const content = {
      environment: {
        SANITY_PROJECT_ID: settings.sanity.projectId,
        SANITY_DATASET: settings.sanity.dataset,
        PUBLIC_SITE_URL: settings.siteUrl,
      },
      secretParameters: {
        SANITY_WEBHOOK_SECRET: settings.sanity.webhookSecretParameter,
        REGISTRATION_TOKEN_KEYS: settings.registrationTokenKeysParameter,
        ...(settings.sanity.readTokenParameter
          ? { SANITY_READ_TOKEN: settings.sanity.readTokenParameter }
          : {}),
      },
    };
    const functionOf = (
      id: string,
      handler: string,
      description: string,
      permissions?: FunctionPermissions,
      timeout?: Duration,
    ) =>
      new EssaimFunction(this, id, {
        handler,
        description,
        permissions,
        ...(timeout ? { timeout } : {}),
        tables: tableConstructs,
        mailResources,
        environment,
        content,
      }).function;

    const alarmTopic = new Topic(this, 'AlarmTopic', {
      enforceSSL: true,
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    if (settings.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(settings.alarmEmail));
    const alarmAction = new SnsAction(alarmTopic);

    // HTTP API: one function per route of the route table; `$default` answers 404/405.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const api = new HttpApi(this, 'HttpApi', {
      description: `Essaim public API (${settings.stage})`,
      corsPreflight: {
        allowOrigins: [...settings.corsOrigins],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'accept-language'],
        exposeHeaders: ['x-correlation-id'],
        maxAge: Duration.hours(1),
      },
      defaultIntegration: new HttpLambdaIntegration(
        'UnmatchedRequestIntegration',
        functionOf(fallbackRoute.name, fallbackRoute.handler, 'Answers requests no route matches (404/405)'),
      ),
      createDefaultStage: false,
    });
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.throttle.rateLimit, burstLimit: settings.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No source IP or user agent: access logs hold no personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    for (const route of routes) {
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(
          `${route.name}Integration`,
          functionOf(route.name, route.handler, `${route.method} ${route.path}`, route.permissions),
        ),
      });
    }

    // Stream workers: what follows from a fact, retried alone on failure, then parked in a queue.
    const deadLetters = new Queue(this, 'StreamDeadLetters', {
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
      const fn = functionOf(
        worker.name,
        worker.handler,
        `Stream worker on ${tables[worker.table].id}`,
        worker.permissions,
      );
      fn.addEventSource(
        new DynamoEventSource(tableConstructs[worker.table], {
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

    // Scheduled workers: an EventBridge rule per entry, retried by EventBridge, idempotent sends.
    for (const worker of scheduledWorkers) {
      const fn = functionOf(
        worker.name,
        worker.handler,
        `Runs every ${worker.everyMinutes} min`,
        worker.permissions,
        Duration.seconds(worker.timeoutSeconds),
      );
      new Rule(this, `${worker.name}Schedule`, {
        schedule: Schedule.rate(Duration.minutes(worker.everyMinutes)),
        targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
      });
      new Alarm(this, `${worker.name}ErrorsAlarm`, {
        alarmDescription: `A run of ${worker.name} failed (the next run catches up; nothing is sent twice).`,
        metric: fn.metricErrors({ period: Duration.minutes(worker.everyMinutes), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
    }

    new Alarm(this, 'StreamDeadLettersAlarm', {
      alarmDescription:
        'A stream record exhausted its retries: an e-mail or another consequence did not happen.',
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);
    new Alarm(this, 'Api5xxAlarm', {
      alarmDescription: 'The API answered server errors (5xx).',
      metric: api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'Base URL of the Essaim API' });
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
