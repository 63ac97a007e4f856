import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionPermissions, SecretName } from '../../functions/routes.ts';
import { type TableName, tables } from '../../functions/tables.ts';
import { functionBundling } from '../bundling.ts';

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');

export interface EssaimFunctionProps {
  /** Module under `functions/` exporting `handler`. */
  readonly handler: string;
  readonly description: string;
  readonly permissions?: FunctionPermissions;
  readonly tables: Readonly<Record<TableName, ITableV2>>;
  /** Resources `ses:SendEmail` may name (identity, configuration set). */
  readonly mailResources: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** Where the Sanity settings and secrets live; given to the functions that need them. */
  readonly content: {
    readonly environment: Readonly<Record<string, string>>;
    readonly secretParameters: Readonly<Partial<Record<SecretName, string>>>;
  };
  readonly timeout?: Duration;
}

/**
 * The defaults every Essaim function shares (Node 24 on arm64, bundled and minified with
 * source maps, JSON logs in its own log group, tracing) and only the access it declares:
 * the tables it names, in the mode it names, and sending mail if it says so.
 */
export class EssaimFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: EssaimFunctionProps) {
    super(scope, id);
    const usedTables = Object.entries(props.permissions?.tables ?? {}) as [TableName, string][];
    // Secrets this function reads from SSM: those it names, and the read token if it reads content.
    const secretNames: SecretName[] = [
      ...(props.permissions?.secrets ?? []),
      ...(props.permissions?.readsContent ? (['SANITY_READ_TOKEN'] as const) : []),
    ].filter((name) => props.content.secretParameters[name] !== undefined);
    const secretEnvironment = Object.fromEntries(
      secretNames.map((name) => [`${name}_PARAMETER`, props.content.secretParameters[name] as string]),
    );
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(functionsDirectory, props.handler),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        ...props.environment,
        ...(props.permissions?.readsContent ? props.content.environment : {}),
        ...secretEnvironment,
        NODE_OPTIONS: '--enable-source-maps',
        ...Object.fromEntries(
          usedTables.map(([table]) => [tables[table].envVar, props.tables[table].tableName]),
        ),
      },
      bundling: {
        target: functionBundling.target,
        format: OutputFormat.ESM,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourceMap,
        externalModules: [...functionBundling.externalModules],
        mainFields: [...functionBundling.mainFields],
        esbuildArgs: { '--conditions': functionBundling.conditions.join(',') },
        banner: functionBundling.banner,
      },
    });
    for (const [table, access] of usedTables) {
      const construct = props.tables[table];
      if (access === 'read') construct.grantReadData(this.function);
      else if (access === 'write') construct.grantWriteData(this.function);
      else construct.grantReadWriteData(this.function);
    }
    if (secretNames.length > 0) {
      // SecureStrings encrypted with the AWS-managed aws/ssm key: ssm:GetParameter is enough.
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: secretNames.map((name) =>
            Stack.of(this).formatArn({
              service: 'ssm',
              resource: 'parameter',
              resourceName: (props.content.secretParameters[name] as string).replace(/^\//, ''),
            }),
          ),
        }),
      );
    }
    if (props.permissions?.sendEmail) {
      this.function.addToRolePolicy(
        new PolicyStatement({ actions: ['ses:SendEmail'], resources: [...props.mailResources] }),
      );
    }
  }
}
