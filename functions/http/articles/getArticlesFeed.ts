import { readContent } from '../../content/contentReader.ts';
import { articlesQuery, siteSettingsQuery } from '../../content/queries.ts';
import { articlesAtomFeed } from '../../domain/content/articlesFeed.ts';
import { cacheableResponse } from '../middleware/cacheableResponse.ts';
import { httpHandler } from '../middleware/httpHandler.ts';
import { siteUrl } from '../programme/programmeContext.ts';
import { publishedBefore } from './listArticles.ts';

/** `GET /feed.xml`: the 30 latest articles as an Atom feed. */
export const handler = httpHandler({}, async ({ event }) => {
  const [{ value: articles }, { value: settings }] = await Promise.all([
    readContent(articlesQuery, { now: publishedBefore(), limit: 30 }),
    readContent(siteSettingsQuery, {}),
  ]);
  const feedUrl = `https://${event.requestContext.domainName}${event.rawPath}`;
  return cacheableResponse(event, {
    body: articlesAtomFeed(articles, {
      siteName: settings?.siteName ?? 'Essaim',
      siteUrl: siteUrl(),
      feedUrl,
    }),
    contentType: 'application/atom+xml; charset=utf-8',
    maxAgeSeconds: 300,
  });
});
