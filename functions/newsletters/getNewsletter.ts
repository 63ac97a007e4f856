import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { archivedSentAt } from './newsletterArchive.ts';
import { archivePageUrl } from './newsletterContent.ts';
import { newsletterPageHtml } from './newsletterPage.ts';
import { newsletterBySlugQuery } from './queries.ts';

/** `GET /newsletters/{slug}`: one sent newsletter, with its body as HTML for its archive page. */
export const handler = httpHandler({}, async ({ event }) => {
  const slug = event.pathParameters?.slug ?? '';
  const { value: newsletter } = await readContent(newsletterBySlugQuery, { slug });
  const sentAt = newsletter ? await archivedSentAt(newsletter._id) : null;
  // Not published, or published but not (yet) sent: the same answer, nothing revealed.
  if (!newsletter || !sentAt) {
    throw new ProblemError({
      status: 404,
      title: 'problem.notFound.title',
      detail: 'problem.newsletterNotFound.detail',
      params: { slug },
    });
  }
  return cacheableJson(event, {
    id: newsletter._id,
    slug,
    subject: newsletter.subject ?? '',
    preheader: newsletter.preheader,
    sentAt: new Date(sentAt).toISOString(),
    url: archivePageUrl(slug),
    html: newsletterPageHtml(newsletter, systemClock.now()),
  });
});
