import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fallbackRoute, httpRoutes } from '../../functions/catalogue.ts';
import type { EssaimAlarms } from './essaimAlarms.ts';
import { fiveMinutes } from './essaimAlarms.ts';
import { EssaimFunction, type FunctionDefaults } from './essaimFunction.ts';

export interface EssaimApiProps {
  readonly stage: string;
  readonly corsOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly functions: FunctionDefaults;
  readonly alarms: EssaimAlarms;
}

/**
 * The HTTP API: one function per route of the catalogue, `$default` answering 404/405, stage
 * throttling, CORS, JSON access logs without IP address or user agent, an alarm on 5xx.
 */
export class EssaimApi extends Construct {
  /** Base URL of the API, without trailing slash: `https://<api id>.execute-api.<region>.amazonaws.com`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: EssaimApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(scope, 'ApiAccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const api = new HttpApi(scope, 'HttpApi', {
      description: `Essaim public API (${props.stage})`,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: ['content-type', 'accept-language'],
        exposeHeaders: ['x-correlation-id'],
        maxAge: Duration.hours(1),
      },
      defaultIntegration: new HttpLambdaIntegration(
        'UnmatchedRequestIntegration',
        new EssaimFunction(
          scope,
          fallbackRoute,
          'Answers requests no route matches (404/405)',
          props.functions,
        ).function,
      ),
      createDefaultStage: false,
    });
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
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
    for (const route of httpRoutes) {
      const handler = new EssaimFunction(scope, route, `${route.method} ${route.path}`, props.functions)
        .function;
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, handler),
      });
    }
    props.alarms.whenAboveZero(
      'Api5xxAlarm',
      api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      'The API answered server errors (5xx).',
    );
    this.url = api.apiEndpoint;
    new CfnOutput(scope, 'ApiUrl', { value: api.apiEndpoint, description: 'Base URL of the Essaim API' });
  }
}
