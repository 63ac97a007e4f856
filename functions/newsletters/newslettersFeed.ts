import { atomXml } from '../shared/atomFeed.ts';
import type { SiteBrand } from '../shared/content/siteSettings.ts';
import type { ArchivedNewsletter } from './archivedNewsletters.ts';
import type { NewsletterForMail } from './newsletterContent.ts';
import { newsletterPageHtml } from './newsletterPage.ts';

/**
 * The archive as an Atom feed (`shared/atomFeed.ts`, as the news'), newest send first, in French:
 * each entry links to the newsletter's page and carries its text. Entry ids are tag URIs
 * (RFC 4151) from the documents' ids; the feed is as new as its newest send.
 */
export function newslettersAtomFeed(
  archive: readonly ArchivedNewsletter[],
  texts: ReadonlyMap<string, NewsletterForMail>,
  options: { brand: SiteBrand; archiveUrl: string; feedUrl: string; now: Date },
): string {
  const { siteName } = options.brand;
  return atomXml({
    id: options.archiveUrl,
    title: `${siteName} — lettres d’information`,
    updated: archive[0] ? new Date(archive[0].sentAt) : options.now,
    link: options.archiveUrl,
    selfLink: options.feedUrl,
    subtitle: `Les lettres d’information de ${siteName}, telles qu’elles ont été envoyées.`,
    rights: siteName,
    entries: archive.map((newsletter) => {
      const text = texts.get(newsletter.id);
      return {
        title: newsletter.subject,
        id: `tag:essaim,2026:newsletter/${newsletter.id}`,
        link: newsletter.url,
        summary: newsletter.preheader ?? '',
        ...(text ? { content: newsletterPageHtml(text, options.now) } : {}),
        updated: new Date(newsletter.sentAt),
        published: new Date(newsletter.sentAt),
      };
    }),
  });
}
