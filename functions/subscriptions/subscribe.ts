import { randomUUID } from 'node:crypto';
import { systemClock } from '../shared/clock.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { isSuppressedKey } from '../shared/mail/suppressions.ts';
import { translate } from '../shared/messages.ts';
import { countMetric } from '../shared/metrics.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance, takeAllowances } from '../shared/rateLimits.ts';
import { setting } from '../shared/settings.ts';
import { addressKey } from '../shared/tokens/tokenKeys.ts';
import { addDays, decideSubscribe, pendingDays, type Subscription } from './subscription.ts';
import { subscriptionFormPost } from './subscriptionFormPost.ts';
import { currentSubscriptionLists, publicListIds } from './subscriptionLists.ts';
import { subscriptionRequestSchema } from './subscriptionRequest.ts';
import { subscriptionStore } from './subscriptionsContext.ts';

const schemas = new Map<string, ReturnType<typeof subscriptionRequestSchema>>();
async function currentSchema() {
  const ids = publicListIds(await currentSubscriptionLists());
  const key = ids.join('\n');
  let schema = schemas.get(key);
  if (!schema) {
    schema = subscriptionRequestSchema(ids);
    schemas.set(key, schema);
  }
  return schema;
}

/**
 * `POST /subscriptions`: double opt-in. Whatever the address's state (new, pending, confirmed,
 * unsubscribed, suppressed), the answer is the same 202: the form tells nobody who subscribed.
 * The mails follow from the `FORMMAIL#` slot written here (stream worker), three a day at most,
 * and only within the mailbox's allowance of form mails (all forms together). A client past
 * its allowance of requests is refused (429), which says nothing about any address.
 */
export const handler = httpHandler(
  {
    bodySchema: currentSchema,
    formPost: subscriptionFormPost,
    formChallenge: formChallengeCheck('subscription'),
  },
  async ({ body, event, language }) => {
    const now = systemClock.now();
    const honeypotFilled = body.website.trim() !== '';
    if (!honeypotFilled) await limitOrRefuse([await clientAllowance(event, 'subscriptions', now)], now);
    // Taken just before a slot: a mail the form causes counts against the mailbox's allowance.
    const mailboxHasRoom = async () =>
      (await takeAllowances([await mailboxAllowance(body.email, now)])) === null;
    const key = await addressKey(body.email);
    const [existing, suppressed] = await Promise.all([
      subscriptionStore.byAddressKey(key),
      isSuppressedKey(key),
    ]);
    const decision = decideSubscribe({ existing, suppressed, honeypotFilled });
    if (decision.kind === 'requestConfirmation') {
      const pendingUntil = addDays(now, pendingDays);
      const subscription: Subscription = {
        id: existing?.id ?? randomUUID(),
        addressKey: key,
        email: body.email,
        ...(body.name ? { name: body.name } : {}),
        status: 'pending',
        lists: body.lists,
        regions: body.regions,
        themes: body.themes,
        digest: body.digest,
        consent: {
          textVersion: setting('subscriptionConsentVersion'),
          givenAt: now.toISOString(),
          source: sourceOf(event.headers.origin),
        },
        createdAt: existing?.createdAt ?? now.toISOString(),
        pendingUntil: pendingUntil.toISOString(),
        // Cleaned up by DynamoDB a day after the link lapsed (the code enforces the lapse itself).
        expiresAt: Math.floor(addDays(pendingUntil, 1).getTime() / 1000),
      };
      const saved = await subscriptionStore.savePending(subscription);
      const mailed =
        saved === 'saved' &&
        (await mailboxHasRoom()) &&
        (await subscriptionStore.takeFormMailSlot(
          key,
          { kind: 'confirmation', subscriptionId: subscription.id },
          now,
        ));
      if (saved === 'saved') countMetric('subscriptionsRequested');
      logger.info('Subscription requested', { outcome: saved, mailed });
    } else if (decision.kind === 'remindPreferences' && existing) {
      const mailed =
        (await subscriptionStore.markPreferencesReminded(key, now)) &&
        (await mailboxHasRoom()) &&
        (await subscriptionStore.takeFormMailSlot(
          key,
          { kind: 'preferences', subscriptionId: existing.id },
          now,
        ));
      logger.info('Subscription already confirmed', { mailed });
    } else {
      logger.info('Subscription request ignored', {
        reason: decision.kind === 'nothing' ? decision.reason : '',
      });
    }
    return jsonResponse(202, { message: translate(language, 'subscription.requested') });
  },
);

/** The form's origin (a network's site, the hosted pages), or `api` for a direct call. */
function sourceOf(origin: string | undefined): string {
  const url = origin ? URL.parse(origin) : null;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : 'api';
}
