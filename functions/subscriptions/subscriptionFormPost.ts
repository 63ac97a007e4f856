import { formAnswerPage } from '../shared/forms/formAnswerPage.ts';
import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { allowedNext, type FormPostOptions } from '../shared/http/formPosts.ts';
import { pageUrl } from '../shared/pageLinks.ts';
import { subscriptionFieldLabels, subscriptionFormHtml } from './subscriptionForm.ts';
import { currentSubscriptionLists } from './subscriptionLists.ts';

/** Without JavaScript: the hosted “check your inbox” page, or the form again with its errors. */
export const subscriptionFormPost: FormPostOptions = {
  checkboxes: ['consent'],
  arrays: ['lists', 'regions', 'themes'],
  fields: Object.keys(subscriptionFieldLabels),
  thanks: () => pageUrl('subscriptionRequested'),
  errorPage: async (refused) =>
    formAnswerPage({
      title: 'S’abonner aux lettres d’information',
      back: allowedNext(refused.event.headers.referer ?? null),
      body: subscriptionFormHtml({
        idPrefix: 'essaim-abonnement',
        action: `${apiBaseUrl(refused.event)}/subscriptions`,
        lists: (await currentSubscriptionLists()).filter((list) => list.public),
        values: refused.values,
        errors: refused.errors,
        ...(refused.next ? { next: refused.next } : {}),
      }),
    }),
};
