import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { subscriptionView } from './subscription.ts';
import { currentSubscriptionLists, listsOpenTo } from './subscriptionLists.ts';
import { subscriptionOfPreferencesToken } from './subscriptionsContext.ts';

/**
 * `GET /subscriptions/{token}`: the choices a preference link opens, and the lists this
 * subscriber may choose (the public ones and their own; never another list editors keep).
 */
export const handler = httpHandler({}, async ({ event }) => {
  const subscription = await subscriptionOfPreferencesToken(event.pathParameters?.token ?? '');
  const lists = listsOpenTo(await currentSubscriptionLists(), subscription);
  return jsonResponse(
    200,
    {
      ...subscriptionView(subscription),
      availableLists: lists.map(({ id, title, description }) => ({ id, title, description })),
    },
    { 'cache-control': 'no-store, private' },
  );
});
