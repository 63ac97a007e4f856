import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { subscriptionView } from './subscription.ts';
import { subscriptionOfPreferencesToken } from './subscriptionsContext.ts';

/** `GET /subscriptions/{token}`: the choices a preference link opens (never cached). */
export const handler = httpHandler({}, async ({ event }) => {
  const subscription = await subscriptionOfPreferencesToken(event.pathParameters?.token ?? '');
  return jsonResponse(200, subscriptionView(subscription), { 'cache-control': 'no-store, private' });
});
