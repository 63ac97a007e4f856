import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { countMetric } from '../shared/metrics.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { afterUnsubscribe } from './subscription.ts';
import { verifyUnsubscribeToken } from './subscriptionLinks.ts';
import { subscriptionLinkInvalid, subscriptionStore } from './subscriptionsContext.ts';
import { unsubscribeAskOf } from './unsubscribeRequest.ts';

const rawBodyOf = (event: APIGatewayProxyEventV2) =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');

/**
 * `POST /unsubscribe/{token}`: one click, as mail providers post it (RFC 8058): no cookie, no
 * redirect, no confirmation step, harmless twice. One-click leaves the list the mail was sent
 * for (everything for a link that names no list); the unsubscribe page may ask for everything.
 */
export const handler = httpHandler({ rawBody: true, maxBodyBytes: 4096 }, async ({ event }) => {
  const now = systemClock.now();
  const reference = verifyUnsubscribeToken(event.pathParameters?.token ?? '', await tokenKeyRing(), now);
  if (!reference) throw subscriptionLinkInvalid();
  const ask = unsubscribeAskOf(event.headers['content-type'] ?? '', rawBodyOf(event));
  if (!ask) {
    throw new ProblemError({
      status: 400,
      title: 'problem.validation.title',
      detail: 'subscription.unsubscribeBody',
    });
  }
  const scope = ask === 'all' ? 'all' : reference.scope;
  const subscription = await subscriptionStore.byId(reference.id);
  // Already gone: the same answer (a second click, a provider's retry).
  if (!subscription) return jsonResponse(200, { unsubscribed: 'all' });
  const next = afterUnsubscribe(subscription, scope);
  if (next === 'ended') {
    await subscriptionStore.end(subscription, now, 'unsubscribed');
    countMetric('subscriptionsEnded');
    logger.info('Unsubscribed from everything', { oneClick: ask === 'oneClick' });
    return jsonResponse(200, { unsubscribed: 'all' });
  }
  await subscriptionStore.updatePreferences(subscription, next);
  logger.info('Unsubscribed from a list', { oneClick: ask === 'oneClick' });
  return jsonResponse(200, {
    unsubscribed: 'list',
    list: scope === 'all' ? null : scope.list,
    lists: next.lists,
  });
});
