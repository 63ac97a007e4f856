import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { countMetric } from '../shared/metrics.ts';
import { subscriptionOfPreferencesToken, subscriptionStore } from './subscriptionsContext.ts';

/**
 * `DELETE /subscriptions/{token}`: “se désabonner de tout” from the preference page. The
 * subscription and its address go; only a keyed hash and a date remain.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const subscription = await subscriptionOfPreferencesToken(event.pathParameters?.token ?? '');
  await subscriptionStore.end(subscription, systemClock.now(), 'unsubscribed');
  countMetric('subscriptionsEnded');
  logger.info('Subscription ended from the preference page');
  return jsonResponse(200, { unsubscribed: 'all' });
});
