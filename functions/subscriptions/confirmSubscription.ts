import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { countMetric } from '../shared/metrics.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { stillPending, subscriptionView } from './subscription.ts';
import { signPreferencesToken, verifyConfirmationToken } from './subscriptionLinks.ts';
import { subscriptionLinkInvalid, subscriptionStore } from './subscriptionsContext.ts';

const expired = () =>
  new ProblemError({
    status: 410,
    title: 'problem.linkExpired.title',
    detail: 'subscription.confirmationExpired',
  });

/**
 * `POST /subscriptions/{token}/confirmation`: the owner's click (the confirmation page posts it;
 * a GET never confirms, since link scanners open links). Harmless twice. A link used after its
 * 7 days confirms nothing and leaves nothing behind.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const now = systemClock.now();
  const ring = await tokenKeyRing();
  const reference = verifyConfirmationToken(event.pathParameters?.token ?? '', ring, now);
  if (!reference) throw subscriptionLinkInvalid();
  const subscription = await subscriptionStore.byId(reference.id);
  if (!subscription) throw reference.expired ? expired() : subscriptionLinkInvalid();
  if (subscription.status === 'pending') {
    if (reference.expired || !stillPending(subscription, now)) {
      await subscriptionStore.forgetLapsed(subscription);
      logger.info('Subscription confirmation too late');
      throw expired();
    }
    if (await subscriptionStore.confirm(subscription, now)) {
      await subscriptionStore.clearUnsubscribed(subscription.addressKey);
      countMetric('subscriptionsConfirmed');
      logger.info('Subscription confirmed');
    }
  }
  const confirmed = (await subscriptionStore.byId(reference.id)) ?? subscription;
  // The preference link comes with the answer: the page offers it at once.
  return jsonResponse(200, {
    ...subscriptionView(confirmed),
    preferencesToken: signPreferencesToken(confirmed.id, ring),
  });
});
