import { readContent } from '../shared/content/contentReader.ts';
import { archivedSentAts } from './newsletterArchive.ts';
import { archivePageUrl } from './newsletterContent.ts';
import { archiveCandidatesQuery } from './queries.ts';

/** A newsletter of the public archive, as the archive's routes list it. */
export interface ArchivedNewsletter {
  readonly id: string;
  readonly slug: string;
  readonly subject: string;
  readonly preheader: string | null;
  readonly sentAt: string;
  readonly url: string;
}

/**
 * The archive, newest send first (then by id, so that pages never skip or repeat one): the
 * published newsletters with an archive address whose send finished. The candidates come from
 * the Content Lake (cached until the content changes), whether each was sent from DynamoDB, 100
 * at a time: a network sends a few newsletters a month, so this stays a handful of reads.
 */
export async function archivedNewsletters(): Promise<ArchivedNewsletter[]> {
  const { value: candidates } = await readContent(archiveCandidatesQuery, {});
  const sentAts = await archivedSentAts(candidates.map((candidate) => candidate._id));
  return candidates
    .flatMap((candidate) => {
      const sentAt = Date.parse(sentAts.get(candidate._id) ?? '');
      if (!candidate.slug || Number.isNaN(sentAt)) return [];
      return [
        {
          id: candidate._id,
          slug: candidate.slug,
          subject: candidate.subject ?? '',
          preheader: candidate.preheader,
          sentAt: new Date(sentAt).toISOString(),
          url: archivePageUrl(candidate.slug),
        },
      ];
    })
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt) || b.id.localeCompare(a.id));
}

/** Whether `newsletter` comes after the cursor's position in the archive's order. */
export const isAfter = (newsletter: ArchivedNewsletter, cursor: { sentAt: string; id: string }): boolean =>
  newsletter.sentAt < cursor.sentAt || (newsletter.sentAt === cursor.sentAt && newsletter.id < cursor.id);
