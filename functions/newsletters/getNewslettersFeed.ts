import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { cacheableResponse } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { pageUrl } from '../shared/pageLinks.ts';
import { archivedNewsletters } from './archivedNewsletters.ts';
import { newslettersAtomFeed } from './newslettersFeed.ts';
import { newslettersByIdQuery } from './queries.ts';

/** The feed's length: a few years of a monthly newsletter. */
const feedLength = 30;

/** `GET /newsletters/feed.atom`: the latest sent newsletters as an Atom feed. */
export const handler = httpHandler({}, async ({ event }) => {
  const archive = (await archivedNewsletters()).slice(0, feedLength);
  const [{ value: texts }, { brand }] = await Promise.all([
    readContent(newslettersByIdQuery, { ids: archive.map((newsletter) => newsletter.id) }),
    currentSiteSettings(),
  ]);
  return cacheableResponse(event, {
    body: newslettersAtomFeed(archive, new Map(texts.map((text) => [text._id, text])), {
      brand,
      archiveUrl: pageUrl('newsletters'),
      feedUrl: `${apiBaseUrl(event)}${event.rawPath}`,
      now: systemClock.now(),
    }),
    contentType: 'application/atom+xml; charset=utf-8',
    maxAgeSeconds: 300,
  });
});
