import type { TableDefinition } from '../../functions/tables.ts';
import { tables } from '../../functions/tables.ts';

/** Region and dummy credentials the local emulators accept; nothing here reaches AWS. */
export const localRegion = 'eu-west-3';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Local table name of a shared definition. */
export const localTableName = (definition: TableDefinition): string => `essaim-${definition.id}`;

export interface LocalEndpoints {
  readonly dynamoDbEndpoint: string;
  readonly sesEndpoint: string;
  readonly apiUrl: string;
  /** The local Content Lake stand-in; absent when a real Sanity project is configured. */
  readonly contentLakeUrl?: string;
}

/** Signs the webhooks of the local Content Lake stand-in; a real project has its own secret. */
export const localWebhookSecret = 'essaim-local-webhook-secret';

/** Signs manage and attendee-list links locally; AWS reads its keys from SSM. */
export const localTokenKeyRing = {
  currentKeyId: 'local-1',
  keys: { 'local-1': 'essaim-local-registration-token-key' },
} as const;

/**
 * The environment the functions get locally: what the CDK stack sets in AWS, pointed at the
 * emulators. Values already set by the developer (MAIL_FROM, CONTACT_RECIPIENTS…) win.
 */
export function localFunctionEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  const tableNames = Object.fromEntries(
    (Object.values(tables) as TableDefinition[]).map((definition) => [
      definition.envVar,
      localTableName(definition),
    ]),
  );
  return {
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    DYNAMODB_ENDPOINT: endpoints.dynamoDbEndpoint,
    SES_ENDPOINT: endpoints.sesEndpoint,
    STAGE: 'local',
    SITE_NAME: 'Essaim (local)',
    MAIL_FROM: 'Essaim <ne-pas-repondre@essaim.localhost>',
    CONTACT_RECIPIENTS: JSON.stringify({
      '*': ['equipe@essaim.localhost'],
      'donnees-personnelles': ['dpo@essaim.localhost'],
    }),
    CORS_ORIGINS: `${endpoints.apiUrl},http://localhost:3333,http://127.0.0.1:3333`,
    ...(endpoints.contentLakeUrl
      ? {
          SANITY_API_HOST: endpoints.contentLakeUrl,
          SANITY_PROJECT_ID: 'essaimdemo',
          SANITY_DATASET: 'production',
          SANITY_WEBHOOK_SECRET: localWebhookSecret,
        }
      : {}),
    PUBLIC_SITE_URL: 'https://www.essaim.example',
    REGISTRATION_TOKEN_KEYS: JSON.stringify(localTokenKeyRing.keys),
    REGISTRATION_TOKEN_KEY_ID: localTokenKeyRing.currentKeyId,
    CONTENT_REVISION_CHECK_MS: '1000',
    POWERTOOLS_SERVICE_NAME: 'essaim',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    ...tableNames,
  };
}
