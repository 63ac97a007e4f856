import { eventThemes, frenchRegions } from '../programme/vocabulary.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { digestChoices } from './subscription.ts';
import { digestLabels } from './subscriptionForm.ts';
import { currentSubscriptionLists } from './subscriptionLists.ts';

/**
 * `GET /subscription-options`: what the subscription form offers: the public lists editors
 * keep in the Studio, the regions, the themes, the digest choices.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const lists = await currentSubscriptionLists();
  return cacheableJson(
    event,
    {
      lists: lists
        .filter((list) => list.public)
        .map(({ id, title, description }) => ({ id, title, description })),
      regions: frenchRegions.map(({ code, name }) => ({ code, name })),
      themes: eventThemes.map(({ value, title }) => ({ value, title })),
      digests: digestChoices.map((value) => ({ value, title: digestLabels[value] })),
    },
    300,
  );
});
