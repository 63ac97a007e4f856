import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DeployedFunction, TableName } from '../../functions/catalogue.ts';
import {
  actionsOf,
  indexActions,
  type SecretName,
  sendEmailActions,
  tableEnvironmentVariable,
} from '../../functions/manifest.ts';
import { stageFunction } from '../functionBuild.ts';

const projectDirectory = join(import.meta.dirname, '..', '..');

/** What every function of the stack shares, given once by the stack. */
export interface FunctionDefaults {
  readonly tables: Readonly<Record<TableName, ITableV2>>;
  /** Resources `ses:SendEmail` may name (identity, configuration set). */
  readonly mailResources: readonly string[];
  /** Settings every function gets (the functions' configuration). */
  readonly environment: Readonly<Record<string, string>>;
  /** SSM parameter of each secret; a function gets the name of those it declares, and may read only them. */
  readonly secretParameters: Readonly<Partial<Record<SecretName, string>>>;
}

/**
 * One function of the catalogue with the defaults every Essaim function shares (Node 24 on
 * arm64, or x86_64 for a native addon built only for it, bundled and minified with source maps, JSON logs in its own log group, tracing) and
 * only the access its manifest declares: the tables it names in the mode it names (the same
 * IAM actions the local stack checks), the secrets it names, sending mail if it says so.
 */
export class EssaimFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(
    scope: Construct,
    declaration: DeployedFunction,
    description: string,
    defaults: FunctionDefaults,
  ) {
    super(scope, declaration.name);
    const { access } = declaration;
    const usedTables = Object.entries(access.tables ?? {}) as [TableName, 'read' | 'write' | 'readWrite'][];
    const secretNames = [
      ...(access.secrets ?? []),
      ...(access.readsContent ? (['SANITY_READ_TOKEN'] as const) : []),
    ].filter((name) => defaults.secretParameters[name] !== undefined);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      description,
      runtime: Runtime.NODEJS_24_X,
      // arm64, unless a native addon the function loads has its binding for x86_64 only.
      architecture:
        declaration.nativeAddon?.architecture === 'x86_64' ? Architecture.X86_64 : Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(declaration.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        ...defaults.environment,
        ...Object.fromEntries(
          secretNames.map((name) => [`${name}_PARAMETER`, defaults.secretParameters[name] as string]),
        ),
        ...Object.fromEntries(
          usedTables.map(([table]) => [tableEnvironmentVariable(table), defaults.tables[table].tableName]),
        ),
        NODE_OPTIONS: '--enable-source-maps',
      },
      // Secrets are read through the extension's localhost endpoint (`functions/shared/secrets.ts`):
      // no SSM client in the bundle. It caches each value 5 minutes and logs only warnings.
      ...(secretNames.length > 0
        ? {
            paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
              logLevel: ParamsAndSecretsLogLevel.WARN,
              parameterStoreTtl: Duration.minutes(5),
            }),
          }
        : {}),
      // The bundle comes from the one esbuild build of every function (`infra/functionBuild.ts`,
      // the settings of `infra/bundling.ts`), copied with its native addon and data files into the
      // asset when the stack is bundled (not for `cdk destroy`, nor a stack `cdk deploy` leaves out).
      code: Code.fromAsset(projectDirectory, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the local bundling below always succeeds or throws.
          image: DockerImage.fromRegistry('essaim-functions-are-bundled-locally'),
          command: ['essaim-function-bundle', declaration.name],
          local: {
            tryBundle(outputDir: string) {
              stageFunction(declaration, outputDir);
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
    });
    // On the table alone (`grant` would add its indexes): only the finders of personal data read
    // the `byAddress` indexes, and they name them (`access.indexes`).
    for (const [table, mode] of usedTables)
      this.function.addToRolePolicy(
        new PolicyStatement({ actions: [...actionsOf(mode)], resources: [defaults.tables[table].tableArn] }),
      );
    const usedIndexes = Object.entries(access.indexes ?? {}) as [TableName, readonly string[]][];
    for (const [table, indexes] of usedIndexes)
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: [...indexActions],
          resources: indexes.map((index) => `${defaults.tables[table].tableArn}/index/${index}`),
        }),
      );
    if (secretNames.length > 0) {
      // SecureStrings encrypted with the AWS-managed aws/ssm key: ssm:GetParameter is enough.
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: secretNames.map((name) =>
            Stack.of(this).formatArn({
              service: 'ssm',
              resource: 'parameter',
              resourceName: (defaults.secretParameters[name] as string).replace(/^\//, ''),
            }),
          ),
        }),
      );
    }
    if (access.sendEmail) {
      this.function.addToRolePolicy(
        new PolicyStatement({ actions: [...sendEmailActions], resources: [...defaults.mailResources] }),
      );
    }
    if (access.sendBulkEmail) {
      this.function.addToRolePolicy(
        new PolicyStatement({ actions: ['ses:SendBulkEmail'], resources: [...defaults.mailResources] }),
      );
      // GetAccount names no resource: it reads the account's own send rate and quota.
      this.function.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    }
  }
}
