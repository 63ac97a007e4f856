import { keyRingFromJson, type TokenKeyRing } from '../domain/registration/manageToken.ts';
import { secret } from './secrets.ts';

let ring: Promise<TokenKeyRing> | undefined;

/**
 * The keys that sign manage links: `REGISTRATION_TOKEN_KEYS` (JSON `{ "<id>": "<secret>" }`,
 * from SSM in AWS) and the id of the current one, `REGISTRATION_TOKEN_KEY_ID`.
 */
export function tokenKeyRing(env: NodeJS.ProcessEnv = process.env): Promise<TokenKeyRing> {
  ring ??= secret('REGISTRATION_TOKEN_KEYS', env).then((json) =>
    keyRingFromJson(json, env.REGISTRATION_TOKEN_KEY_ID),
  );
  return ring;
}

export const registrationRetentionMonths = (env: NodeJS.ProcessEnv = process.env): number =>
  Number(env.REGISTRATION_RETENTION_MONTHS ?? 6);

/** The public page where a registrant sees or cancels their registration (it calls the API with the token). */
export const manageUrl = (siteUrl: string, token: string): string =>
  `${siteUrl.replace(/\/$/, '')}/inscriptions/${encodeURIComponent(token)}`;
