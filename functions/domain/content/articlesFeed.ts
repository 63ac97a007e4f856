import { Feed } from 'feed';
import type { ArticlesQueryResult } from '../../content/sanity.types.ts';

export const articlePageUrl = (siteUrl: string, slug: string | null): string =>
  `${siteUrl.replace(/\/$/, '')}/actualites/${encodeURIComponent(slug ?? '')}`;

/** The news as an Atom feed (the `feed` library), newest first, in French. */
export function articlesAtomFeed(
  articles: ArticlesQueryResult,
  options: { siteName: string; siteUrl: string; feedUrl: string },
): string {
  const newest = articles[0];
  const feed = new Feed({
    title: `${options.siteName} — actualités`,
    description: `Les actualités de ${options.siteName}.`,
    id: options.siteUrl,
    link: options.siteUrl,
    language: 'fr',
    copyright: options.siteName,
    updated: new Date(newest?._updatedAt ?? newest?.publishedAt ?? 0),
    generator: 'Essaim',
    feedLinks: { atom: options.feedUrl },
  });
  for (const article of articles) {
    const url = articlePageUrl(options.siteUrl, article.slug);
    feed.addItem({
      title: article.title ?? '',
      id: url,
      link: url,
      description: article.excerpt ?? '',
      date: new Date(article.publishedAt ?? 0),
      published: new Date(article.publishedAt ?? 0),
      ...(article.author ? { author: [{ name: article.author }] } : {}),
      category: (article.themes ?? []).map((theme) => ({ name: theme })),
    });
  }
  return feed.atom1();
}
