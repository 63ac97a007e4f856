import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { translate } from '../shared/messages.ts';
import { subscriptionView } from './subscription.ts';
import { currentSubscriptionLists, listsOpenTo } from './subscriptionLists.ts';
import { preferencesUpdateSchema } from './subscriptionRequest.ts';
import {
  subscriptionLinkInvalid,
  subscriptionOfPreferencesToken,
  subscriptionStore,
} from './subscriptionsContext.ts';

/**
 * `PUT /subscriptions/{token}`: new choices of lists, regions, themes and digest: the public
 * lists, and a non-public one only if the subscriber already has it.
 */
export const handler = httpHandler(
  {
    bodySchema: async () =>
      preferencesUpdateSchema((await currentSubscriptionLists()).map((list) => list.id)),
  },
  async ({ body, event, language }) => {
    const subscription = await subscriptionOfPreferencesToken(event.pathParameters?.token ?? '');
    const open = listsOpenTo(await currentSubscriptionLists(), subscription).map((list) => list.id);
    const refused = body.lists.findIndex((id) => !open.includes(id));
    if (refused >= 0) {
      throw new ProblemError({
        status: 400,
        title: 'problem.validation.title',
        detail: 'problem.validation.detail',
        errors: [{ pointer: `#/lists/${refused}`, detail: translate(language, 'subscription.list.unknown') }],
      });
    }
    if (!(await subscriptionStore.updatePreferences(subscription, body))) throw subscriptionLinkInvalid();
    logger.info('Subscription preferences changed', { lists: body.lists.length });
    return jsonResponse(200, subscriptionView({ ...subscription, ...body }), { 'cache-control': 'no-store' });
  },
);
