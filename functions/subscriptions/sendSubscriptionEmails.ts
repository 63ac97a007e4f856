import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { addDays, pendingDays } from './subscription.ts';
import { subscriptionEmail } from './subscriptionEmails.ts';
import {
  confirmationPageUrl,
  preferencesPageUrl,
  signConfirmationToken,
  signPreferencesToken,
  signUnsubscribeToken,
  unsubscribePageUrl,
} from './subscriptionLinks.ts';
import { currentSubscriptionLists } from './subscriptionLists.ts';
import { type FormMail, SubscriptionStore } from './subscriptionStore.ts';

const store = new SubscriptionStore(dynamoDbDocumentClient(), tableNameOf('subscribers'));

/**
 * Stream worker: each `FORMMAIL#` slot taken (inserted, or renewed after 24 hours) is one mail,
 * sent once (the slot and its time are the idempotency key). The address's subscription is read
 * now, so the mail carries its latest choices: a confirmation for a subscription confirmed
 * meanwhile, or gone, is not sent.
 */
export const handler = streamWorker<FormMail>({
  name: 'sendSubscriptionEmails',
  mailer: idempotentMailer,
  handle: async ({ newImage: slot, log }, mail) => {
    if (!slot) return;
    const subscription = await store.byAddressKey(slot.pk.slice('SUB#'.length));
    const wanted = slot.kind === 'confirmation' ? 'pending' : 'confirmed';
    if (subscription?.status !== wanted) {
      log.info('Subscription mail no longer needed', { kind: slot.kind });
      return;
    }
    const [{ brand }, ring, lists] = await Promise.all([
      currentSiteSettings(),
      tokenKeyRing(),
      currentSubscriptionLists(),
    ]);
    const listTitles = subscription.lists.map((id) => lists.find((list) => list.id === id)?.title ?? id);
    const requestedAt = new Date(slot.requestedAt);
    const confirmUntil = addDays(requestedAt, pendingDays);
    const email = await subscriptionEmail(slot.kind, subscription.email, {
      brand,
      listTitles,
      ...(slot.kind === 'confirmation'
        ? {
            actionUrl: confirmationPageUrl(signConfirmationToken(subscription.id, confirmUntil, ring)),
            confirmUntil,
          }
        : {
            actionUrl: preferencesPageUrl(signPreferencesToken(subscription.id, ring)),
            unsubscribeUrl: unsubscribePageUrl(signUnsubscribeToken(subscription.id, '*', ring)),
          }),
    });
    const sesMessageId = await mail.sendOnce(`${slot.pk}#${slot.sk}#${slot.requestedAt}`, email);
    log.info('Subscription e-mail sent', { kind: slot.kind, sesMessageId });
  },
});
