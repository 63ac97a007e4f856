import { randomUUID } from 'node:crypto';
import { encodeSignatureHeader } from '@sanity/webhook';
import { evaluate, parse } from 'groq-js';
import {
  sanityWebhookProjection,
  webhookDocumentTypes,
} from '../../../functions/contentChanges/webhookProjection.ts';
import type { ContentLakeDocuments, DocumentChange, Transaction } from '../contentLakeDocuments.ts';
import type { StackActivity } from '../stackActivity.ts';

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

/**
 * Whether the webhook is enabled, as in the project's API settings: a disabled webhook drops
 * what changes meanwhile (Sanity does not queue it), which is how tests lose a delivery on
 * purpose (`PUT /local/webhook`).
 */
export interface WebhookSwitch {
  enabled: boolean;
}

/**
 * The filter of the webhook the README declares in the Sanity project: its types (which the
 * resync reads too), drafts off (the project setting that leaves out drafts and release versions).
 */
export const webhookFilter = `_type in ${JSON.stringify(webhookDocumentTypes)}`;
const filterTree = parse(`*[${webhookFilter}]`);
const projectionTree = parse(sanityWebhookProjection, { mode: 'delta' });

/**
 * Sends the signed webhook the Content Lake would, after every transaction, whether made by
 * a mutation or an action: one call per published document the transaction created, updated
 * or deleted that the filter selects, with the declared projection, in commit order.
 */
export function sendWebhooks(
  documents: ContentLakeDocuments,
  target: WebhookTarget,
  identifiers: { projectId: string; dataset: string },
  webhookSwitch: WebhookSwitch = { enabled: true },
  activity?: StackActivity,
): () => void {
  let delivery: Promise<void> = Promise.resolve();
  const unsubscribe = documents.subscribe((transaction) => {
    const published = transaction.changes.filter((change) => !change.id.includes('.'));
    if (published.length === 0 || !webhookSwitch.enabled) return;
    const dataset = documents.published();
    const delivered = activity?.begin();
    delivery = delivery
      .then(async () => {
        for (const change of published)
          if (await isSelected(change)) await deliver(target, transaction, change, dataset, identifiers);
      })
      .catch((error: unknown) => console.error('Content Lake webhook:', (error as Error).message))
      .finally(delivered);
  });
  return unsubscribe;
}

async function isSelected(change: DocumentChange): Promise<boolean> {
  const doc = change.after ?? change.before;
  const result = await (await evaluate(filterTree, { dataset: [doc] })).get();
  return Array.isArray(result) && result.length === 1;
}

async function deliver(
  target: WebhookTarget,
  transaction: Transaction,
  change: DocumentChange,
  dataset: unknown[],
  identifiers: { projectId: string; dataset: string },
): Promise<void> {
  const projection = await (
    await evaluate(projectionTree, {
      root: change.after ?? change.before,
      before: change.before,
      after: change.after,
      dataset,
    })
  ).get();
  const payload = JSON.stringify(projection);
  const signature = await encodeSignatureHeader(payload, Date.now(), target.secret);
  // The headers Sanity's webhooks carry besides the signature.
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Sanity.io webhook delivery (Essaim local Content Lake)',
    'sanity-webhook-signature': signature,
    'sanity-webhook-id': 'essaim-local',
    'sanity-transaction-id': transaction.id,
    'sanity-transaction-time': transaction.timestamp,
    'sanity-document-id': change.id,
    'sanity-operation': change.operation,
    'sanity-project-id': identifiers.projectId,
    'sanity-dataset': identifiers.dataset,
    'idempotency-key': `essaim-local-${randomUUID()}`,
  };
  // Sanity retries a failed delivery; once more here, so a stack still starting does not lose it.
  for (const attempt of [1, 2]) {
    try {
      const answer = await fetch(target.url, { method: 'POST', headers, body: payload });
      if (answer.ok || answer.status < 500) return;
      if (attempt === 2) console.error(`Content Lake webhook: ${target.url} answered ${answer.status}`);
    } catch (error) {
      if (attempt === 2) console.error('Content Lake webhook failed:', (error as Error).message);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
