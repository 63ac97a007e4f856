import { addressKeyOf } from '../mailFeedback/mailFeedbackStore.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { countMetric } from '../shared/metrics.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { SubscriptionStore } from './subscriptionStore.ts';

const store = new SubscriptionStore(dynamoDbDocumentClient(), tableNameOf('subscribers'));

/**
 * Stream worker on the mail feedback: an address suppressed for a complaint is unsubscribed
 * from everything at once (only the keyed hash and the date remain). Harmless twice.
 */
export const handler = streamWorker<{ pk: string; sk: string; reason?: string }>({
  name: 'endSubscriptionsOnComplaint',
  handle: async ({ newImage: suppression, log }) => {
    if (suppression?.reason !== 'complaint') return;
    const subscription = await store.byAddressKey(addressKeyOf(suppression.pk));
    if (!subscription) return;
    await store.end(subscription, systemClock.now(), 'complaint');
    countMetric('subscriptionsEnded');
    log.info('Subscription ended after a complaint');
  },
});
