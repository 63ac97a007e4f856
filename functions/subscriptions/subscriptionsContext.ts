import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import type { Subscription } from './subscription.ts';
import { verifyPreferencesToken } from './subscriptionLinks.ts';
import { SubscriptionStore } from './subscriptionStore.ts';

export const subscriptionStore = new SubscriptionStore(dynamoDbDocumentClient(), tableNameOf('subscribers'));

/** Any link that does not name a live subscription: the same 404, whatever the reason. */
export const subscriptionLinkInvalid = (): ProblemError =>
  new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'subscription.linkInvalid' });

/** The subscription a preference link names, or the 404 that reveals nothing. */
export async function subscriptionOfPreferencesToken(token: string): Promise<Subscription> {
  const reference = verifyPreferencesToken(token, await tokenKeyRing(), systemClock.now());
  const subscription = reference ? await subscriptionStore.byId(reference.id) : null;
  if (!subscription) throw subscriptionLinkInvalid();
  return subscription;
}
