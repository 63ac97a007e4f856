import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { type SuppressionReason, suppressionRetentionDays } from '../shared/mail/suppressionSet.ts';
import { countMetric } from '../shared/metrics.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import {
  decide,
  expiresAfterDays,
  suppressionSource,
  transientBounceLimit,
  transientBouncesAround,
  transientWindowDays,
} from './feedbackRules.ts';
import { addressKeyOf, MailFeedbackStore, type StoredFact } from './mailFeedbackStore.ts';

const store = new MailFeedbackStore(dynamoDbDocumentClient(), tableNameOf('mailFeedback'));
const dayMs = 24 * 60 * 60 * 1000;

/**
 * The suppression rules (`feedbackRules.ts`), applied to each bounce or complaint recorded by
 * `recordMailFeedback` (stream filtered on their `INSERT`). Idempotent: a transient bounce is
 * one item per report, and a suppression is written once (a complaint replaces another reason).
 */
export const handler = streamWorker<StoredFact>({
  name: 'applyMailFeedback',
  handle: async ({ newImage: fact, log }) => {
    if (!fact) return;
    const key = addressKeyOf(fact.pk);
    const decision = decide(fact);
    const now = systemClock.now();
    const suppress = async (reason: SuppressionReason, transientBounces?: number) => {
      const written = await store.suppress(key, {
        reason,
        at: now,
        source: suppressionSource(fact, transientBounces),
        expiresAt: expiresAfterDays(now, suppressionRetentionDays),
      });
      if (written) countMetric('addressesSuppressed');
      log.info(written ? 'Address suppressed' : 'Address already suppressed', {
        reason,
        sesMessageId: fact.sesMessageId,
      });
    };
    if (decision.kind === 'ignore') {
      log.info('Notification does not count against the address', {
        why: decision.why,
        subType: fact.bounceSubType,
      });
      return;
    }
    if (decision.kind === 'suppress') {
      await suppress(decision.reason);
      return;
    }
    const at = new Date(fact.occurredAt);
    await store.addTransientBounce(
      key,
      fact.occurredAt,
      fact.feedbackId ?? fact.snsMessageId,
      // Counted only within 30 days of another bounce.
      Math.ceil((at.getTime() + (transientWindowDays + 1) * dayMs) / 1000),
    );
    const window = transientWindowDays * dayMs;
    const times = await store.transientBounceTimes(
      key,
      new Date(at.getTime() - window),
      new Date(at.getTime() + window),
    );
    const count = transientBouncesAround(times, at);
    if (count >= transientBounceLimit) await suppress('transientBounces', count);
    else log.info('Transient bounce counted', { count, limit: transientBounceLimit });
  },
});
