import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { preferencesUpdateSchema, subscriptionView } from './subscription.ts';
import { currentSubscriptionLists } from './subscriptionLists.ts';
import {
  subscriptionLinkInvalid,
  subscriptionOfPreferencesToken,
  subscriptionStore,
} from './subscriptionsContext.ts';

/**
 * `PUT /subscriptions/{token}`: new choices of lists, regions, themes and digest. Every list
 * editors keep may be chosen here, including a non-public one the subscriber already has.
 */
export const handler = httpHandler(
  {
    bodySchema: async () =>
      preferencesUpdateSchema((await currentSubscriptionLists()).map((list) => list.id)),
  },
  async ({ body, event }) => {
    const subscription = await subscriptionOfPreferencesToken(event.pathParameters?.token ?? '');
    if (!(await subscriptionStore.updatePreferences(subscription, body))) throw subscriptionLinkInvalid();
    logger.info('Subscription preferences changed', { lists: body.lists.length });
    return jsonResponse(200, subscriptionView({ ...subscription, ...body }), { 'cache-control': 'no-store' });
  },
);
