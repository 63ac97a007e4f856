import { isValidSignature } from '@sanity/webhook';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { contentCache } from '../shared/content/contentReader.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { fieldProblemsFromZod, ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { fromSecret } from '../shared/secrets.ts';
import { contentChangeSchema } from './contentChange.ts';
import { DynamoDbContentChangeStore } from './contentChangeStore.ts';

const webhookSecret = fromSecret('SANITY_WEBHOOK_SECRET', (value) => value);
const store = new DynamoDbContentChangeStore(dynamoDbDocumentClient(), tableNameOf('contentChanges'));
/** Change records feed the registrants' notices; they need not outlive the campaign. */
const changeRetentionDays = 90;

const unauthorized = () =>
  new ProblemError({
    status: 401,
    title: 'problem.unauthorized.title',
    detail: 'problem.unauthorized.detail',
  });

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
 * nothing. A valid one records the change (once, whatever the retries) and moves the content
 * revision, which invalidates every warm function's cache.
 */
export const handler = httpHandler(
  { rawBody: true, maxBodyBytes: 64 * 1024 },
  async ({ event, language }) => {
    const body = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body
      : '';
    if (!(await hasValidSignature(body, event.headers['sanity-webhook-signature']))) throw unauthorized();
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
    const { duplicate } = await store.recordChange(change, systemClock.now(), changeRetentionDays);
    contentCache().clear();
    logger.info('Content change received', {
      documentId: change.documentId,
      type: change.type,
      operation: change.operation,
      duplicate,
    });
    return jsonResponse(202, { received: true, duplicate });
  },
);
