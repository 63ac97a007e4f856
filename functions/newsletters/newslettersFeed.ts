import { Feed } from 'feed';
import type { SiteBrand } from '../shared/content/siteSettings.ts';
import type { ArchivedNewsletter } from './archivedNewsletters.ts';
import type { NewsletterForMail } from './newsletterContent.ts';
import { newsletterPageHtml } from './newsletterPage.ts';

/**
 * The archive as an Atom feed (the `feed` library, as the news'), newest send first, in French:
 * each entry links to the newsletter's page and carries its text. Entry ids are tag URIs
 * (RFC 4151) from the documents' ids; the feed is as new as its newest send.
 */
export function newslettersAtomFeed(
  archive: readonly ArchivedNewsletter[],
  texts: ReadonlyMap<string, NewsletterForMail>,
  options: { brand: SiteBrand; archiveUrl: string; feedUrl: string; now: Date },
): string {
  const { siteName } = options.brand;
  const feed = new Feed({
    title: `${siteName} — lettres d’information`,
    description: `Les lettres d’information de ${siteName}, telles qu’elles ont été envoyées.`,
    id: options.archiveUrl,
    link: options.archiveUrl,
    language: 'fr',
    copyright: siteName,
    updated: archive[0] ? new Date(archive[0].sentAt) : options.now,
    generator: 'Essaim',
    feedLinks: { atom: options.feedUrl },
  });
  for (const newsletter of archive) {
    const text = texts.get(newsletter.id);
    feed.addItem({
      title: newsletter.subject,
      id: `tag:essaim,2026:newsletter/${newsletter.id}`,
      link: newsletter.url,
      description: newsletter.preheader ?? '',
      ...(text ? { content: newsletterPageHtml(text, options.now) } : {}),
      date: new Date(newsletter.sentAt),
      published: new Date(newsletter.sentAt),
    });
  }
  return feed.atom1();
}
