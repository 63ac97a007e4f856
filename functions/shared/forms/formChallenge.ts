import { createHash, createHmac } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Challenge, createChallenge, type Payload, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { dynamoDbDocumentClient, tableNameOf } from '../aws.ts';
import { tokenKeyRing } from '../tokens/tokenKeys.ts';

/**
 * The optional proof of work of the public forms (ALTCHA, self-hosted: no third party, no
 * tracking). Editors switch it on per form in the Studio's site settings; the form's component
 * then fetches a challenge (`GET /forms/challenge`), solves it in the visitor's browser (a
 * fraction of a second for one message, hours for a million) and sends the solution with the
 * form (`altcha`). The challenge is signed with a key derived from the token keys (no new
 * secret), lives 10 minutes, and is accepted once.
 */
export const challengeForms = [
  'contact',
  'registration',
  'subscription',
  'personalData',
  'submission',
  'directory',
  'meetings',
] as const;
export type ChallengeForm = (typeof challengeForms)[number];

const lifetimeSeconds = 600;
/** Four hex zeros: about 65,000 SHA-256 on average, well under a second in a browser. */
const keyPrefix = '0000';

/** HMAC secrets for challenges, from the token keys: the current one signs, every listed one verifies. */
async function challengeSecrets(): Promise<{ current: string; all: string[] }> {
  const ring = await tokenKeyRing();
  const derive = (secret: string) =>
    createHmac('sha256', secret).update('altcha-form-challenge').digest('hex');
  const current = ring.keys.get(ring.currentKeyId);
  if (!current) throw new Error('The current token key is missing');
  return {
    current: derive(current.secret),
    all: [...ring.keys.entries()]
      .sort(([id]) => (id === ring.currentKeyId ? -1 : 1))
      .map(([, key]) => derive(key.secret)),
  };
}

/** A new signed challenge, valid 10 minutes (wall-clock time, as ALTCHA checks it). */
export async function newFormChallenge(): Promise<Challenge> {
  const { current } = await challengeSecrets();
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    keyPrefix,
    deriveKey,
    hmacSignatureSecret: current,
    expiresAt: Math.floor(Date.now() / 1000) + lifetimeSeconds,
  });
}

export type ChallengeOutcome = 'verified' | 'invalid' | 'replayed';

/** The solution a form sent (`altcha`: base64 of the challenge and its solution, as ALTCHA sends it). */
function payloadOf(text: string): Payload | null {
  try {
    const payload = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Payload;
    if (!payload?.challenge?.parameters || typeof payload.challenge.signature !== 'string') return null;
    if (typeof payload.solution?.counter !== 'number' || typeof payload.solution.derivedKey !== 'string')
      return null;
    return payload;
  } catch {
    return null;
  }
}

/**
 * Checks a solution: signed by one of our keys, not expired, solved; then remembers its
 * challenge until it expires (a conditional write), so that one solution sends one form.
 */
export async function verifyFormChallenge(text: string): Promise<ChallengeOutcome> {
  const payload = payloadOf(text);
  if (!payload || payload.challenge.parameters.keyPrefix !== keyPrefix) return 'invalid';
  const expiresAt = payload.challenge.parameters.expiresAt;
  if (typeof expiresAt !== 'number' || expiresAt * 1000 < Date.now()) return 'invalid';
  let verified = false;
  for (const secret of (await challengeSecrets()).all) {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: secret,
    }).catch(() => null);
    if (result?.verified && !result.expired) {
      verified = true;
      break;
    }
  }
  if (!verified) return 'invalid';
  const used = createHash('sha256')
    .update(payload.challenge.signature as string)
    .digest('hex');
  try {
    await dynamoDbDocumentClient().send(
      new UpdateCommand({
        TableName: tableNameOf('rateLimits'),
        Key: { pk: `CHALLENGE#${used}` },
        UpdateExpression: 'SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(pk)',
        ExpressionAttributeValues: { ':expiresAt': expiresAt + 60 },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'replayed';
    throw error;
  }
  return 'verified';
}
