import { eventThemes, titleOf } from '../programme/vocabulary.ts';
import { atomXml } from '../shared/atomFeed.ts';
import type { ArticlesQueryResult } from '../shared/content/sanity.types.ts';

/** Where the API answers one article: every feed entry links there. */
export const articleUrl = (apiBaseUrl: string, slug: string | null): string =>
  `${apiBaseUrl.replace(/\/$/, '')}/articles/${encodeURIComponent(slug ?? '')}`;

/** When an article last changed: its `_updatedAt`, else its publication. */
const updatedOf = (article: ArticlesQueryResult[number]): Date =>
  new Date(article._updatedAt ?? article.publishedAt ?? 0);

/**
 * The news as an Atom feed (`shared/atomFeed.ts`), newest first, in French. Entry ids are tag
 * URIs (RFC 4151) from the documents' ids, stable whatever the API's address; the feed's
 * `updated` is its newest entry's; `feedUrl` is the URL the feed was served at.
 */
export function articlesAtomFeed(
  articles: ArticlesQueryResult,
  options: { siteName: string; siteUrl: string; apiBaseUrl: string; feedUrl: string; now: Date },
): string {
  const newest = articles.reduce((latest, article) => Math.max(latest, updatedOf(article).getTime()), 0);
  return atomXml({
    id: options.siteUrl,
    title: `${options.siteName} — actualités`,
    // No article yet: the feed is as new as the moment it is served.
    updated: newest > 0 ? new Date(newest) : options.now,
    link: options.siteUrl,
    selfLink: options.feedUrl,
    subtitle: `Les actualités de ${options.siteName}.`,
    rights: options.siteName,
    entries: articles.map((article) => ({
      title: article.title ?? '',
      id: `tag:essaim,2026:article/${article._id}`,
      link: articleUrl(options.apiBaseUrl, article.slug),
      summary: article.excerpt ?? '',
      updated: updatedOf(article),
      published: new Date(article.publishedAt ?? 0),
      authors: article.author ? [article.author] : [],
      categories: (article.themes ?? []).map((theme) => ({
        term: theme,
        label: titleOf(eventThemes, theme),
      })),
    })),
  });
}
