import { type TableName, tableConstructId, tables } from '../../functions/catalogue.ts';
import { tableEnvironmentVariable } from '../../functions/manifest.ts';
import { secretDeclarations, settingDeclarations } from '../../functions/shared/settings.ts';

/** Region and dummy credentials the local emulators accept; nothing here reaches AWS. */
export const localRegion = 'eu-west-3';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Local table name of a table: `essaim-ContactMessages`. */
export const localTableName = (table: TableName): string => `essaim-${tableConstructId(table)}`;

export interface LocalEndpoints {
  readonly dynamoDbEndpoint: string;
  readonly sesEndpoint: string;
  readonly apiUrl: string;
  /** The hosted pages' address (`PAGES_URL`), whose origin calls the API. */
  readonly pagesUrl: string;
  /** The local Content Lake stand-in; absent when a real Sanity project is configured. */
  readonly contentLakeUrl?: string;
}

/** Signs the webhooks of the local Content Lake stand-in; a real project has its own secret. */
export const localWebhookSecret = secretDeclarations.SANITY_WEBHOOK_SECRET.local;
/** The robot token the local Content Lake stand-in accepts (the workers' `SANITY_WRITE_TOKEN`). */
export const localContentLakeToken = secretDeclarations.SANITY_WRITE_TOKEN.local;

/**
 * The environment the functions get locally: what the CDK stack sets in AWS (every setting's
 * local value, the secrets themselves instead of SSM parameter names, the table names),
 * pointed at the emulators. Values already set by the developer (MAIL_FROM…) win.
 */
export function localFunctionEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  const settings = Object.fromEntries(
    Object.values(settingDeclarations).flatMap((declaration) =>
      declaration.local === undefined ? [] : [[declaration.variable, declaration.local]],
    ),
  );
  const secrets = Object.fromEntries(
    Object.entries(secretDeclarations).flatMap(([name, declaration]) =>
      declaration.local ? [[name, declaration.local]] : [],
    ),
  );
  const tableNames = Object.fromEntries(
    (Object.keys(tables) as TableName[]).map((table) => [
      tableEnvironmentVariable(table),
      localTableName(table),
    ]),
  );
  return {
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    ...settings,
    ...secrets,
    DYNAMODB_ENDPOINT: endpoints.dynamoDbEndpoint,
    SES_ENDPOINT: endpoints.sesEndpoint,
    PAGES_URL: endpoints.pagesUrl,
    API_URL: endpoints.apiUrl,
    CORS_ORIGINS: `${endpoints.apiUrl},${endpoints.pagesUrl},http://localhost:3333,http://127.0.0.1:3333`,
    ...(endpoints.contentLakeUrl ? { SANITY_API_HOST: endpoints.contentLakeUrl } : { SANITY_API_HOST: '' }),
    POWERTOOLS_SERVICE_NAME: 'essaim',
    // What Lambda sets for an on-demand function: Powertools counts cold starts only then.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // EMF lines would drown the local logs; the unit tests check what metrics print.
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...tableNames,
  };
}
