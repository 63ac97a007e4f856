import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { cacheableResponse } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { setting } from '../shared/settings.ts';
import { articlesAtomFeed } from './articlesFeed.ts';
import { publishedBefore } from './listArticles.ts';
import { articlesQuery } from './queries.ts';

/** `GET /feed.xml`: the 30 latest articles as an Atom feed. */
export const handler = httpHandler({}, async ({ event }) => {
  const [{ value: articles }, { brand }] = await Promise.all([
    readContent(articlesQuery, { now: publishedBefore(), limit: 30 }),
    currentSiteSettings(),
  ]);
  const base = apiBaseUrl(event);
  return cacheableResponse(event, {
    body: articlesAtomFeed(articles, {
      siteName: brand.siteName,
      siteUrl: setting('publicSiteUrl'),
      apiBaseUrl: base,
      feedUrl: `${base}${event.rawPath}`,
      now: systemClock.now(),
    }),
    contentType: 'application/atom+xml; charset=utf-8',
    maxAgeSeconds: 300,
  });
});
