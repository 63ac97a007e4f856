import { decodeSignatureHeader, isValidSignature } from '@sanity/webhook';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { contentCache } from '../shared/content/contentReader.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { fieldProblemsFromZod, ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { fromSecret } from '../shared/secrets.ts';
import { setting } from '../shared/settings.ts';
import { changeRetentionDays, contentChangeSchema } from './contentChange.ts';
import { DynamoDbContentChangeStore } from './contentChangeStore.ts';

const webhookSecret = fromSecret('SANITY_WEBHOOK_SECRET', (value) => value);
const store = new DynamoDbContentChangeStore(dynamoDbDocumentClient(), tableNameOf('contentChanges'));

const unauthorized = () =>
  new ProblemError({
    status: 401,
    title: 'problem.unauthorized.title',
    detail: 'problem.unauthorized.detail',
  });

/**
 * Whether a valid signature was made recently: no older than `WEBHOOK_MAX_AGE_MINUTES`, no more
 * than a minute ahead (clocks differ a little). By the real clock, as Sanity signs: `ESSAIM_NOW`,
 * which moves business time in tests and demos, has no say over transport.
 */
function isFresh(signature: string): boolean {
  const { timestamp } = decodeSignatureHeader(signature);
  const age = Date.now() - timestamp;
  return age <= setting('webhookMaxAgeMinutes') * 60_000 && age >= -60_000;
}

async function hasValidSignature(body: string, signature: string | undefined): Promise<boolean> {
  const key = await webhookSecret();
  if (!key || !signature) return false;
  try {
    return await isValidSignature(body, signature, key);
  } catch {
    // A malformed header is no signature at all.
    return false;
  }
}

/**
 * `POST /webhooks/sanity`: Sanity tells us content changed. The signature is checked with
 * @sanity/webhook against the raw body; an unsigned or forged call is refused (401) and changes
 * nothing, and so is a stale one (older than the window, or from the future): a captured
 * request cannot be replayed later. A delivery already processed (its `idempotency-key`, or its
 * signature) is ignored. A valid one records the change (once, whatever the retries) and moves
 * the content revision, which invalidates every warm function's cache. A genuine change refused
 * here is picked up by the scheduled resync (`resyncContent`).
 */
export const handler = httpHandler(
  { rawBody: true, maxBodyBytes: 64 * 1024 },
  async ({ event, language }) => {
    const body = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body
      : '';
    const signature = event.headers['sanity-webhook-signature'];
    if (!(await hasValidSignature(body, signature)) || !signature) throw unauthorized();
    if (!isFresh(signature)) {
      logger.warn('Stale webhook signature refused');
      throw new ProblemError({ status: 401, title: 'problem.unauthorized.title', detail: 'webhook.stale' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      throw new ProblemError({
        status: 400,
        title: 'problem.malformedJson.title',
        detail: 'problem.malformedJson.detail',
      });
    }
    const parsed = contentChangeSchema.safeParse(payload);
    if (!parsed.success) {
      throw new ProblemError({
        status: 400,
        title: 'problem.validation.title',
        detail: 'problem.validation.detail',
        errors: fieldProblemsFromZod(parsed.error.issues, language, ''),
      });
    }
    const change = parsed.data;
    const delivery = (event.headers['idempotency-key'] ?? '').slice(0, 200) || signature;
    const { duplicate, replayed } = await store.recordChange(
      change,
      systemClock.now(),
      changeRetentionDays,
      delivery,
    );
    contentCache().clear();
    logger.info('Content change received', {
      documentId: change.documentId,
      type: change.type,
      operation: change.operation,
      duplicate,
      replayed,
    });
    return jsonResponse(202, { received: true, duplicate, ...(replayed ? { replayed } : {}) });
  },
);
