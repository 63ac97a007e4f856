import { contentReadToken, queryContentLake } from '../shared/content/contentLakeQuery.ts';
import type {
  PossibleOrganizationsQueryResult,
  RegionByCodeQueryResult,
} from '../shared/content/sanity.types.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { documentsById, mutate } from './contentLakeWrites.ts';
import { submissionDocumentIds, submissionMutations } from './eventDrafts.ts';
import { possibleOrganizationsQuery, regionByCodeQuery } from './queries.ts';
import type { Submission } from './submission.ts';

/** Words of a name that say which organisation it is (not « association », « de »…). */
const commonWords = new Set(
  'association asso cooperative scop scic societe fondation mutuelle collectif les des une aux pour dans sur avec'.split(
    ' ',
  ),
);
export const significantWords = (name: string): string[] =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 4 && !commonWords.has(word))
    .slice(0, 4);

/**
 * Stream worker of the `EventSubmissions` table (each new version of a submission): writes it
 * to the Content Lake as draft events in « À modérer » (`eventDrafts.ts`), with the region
 * derived from its commune and the existing organisations that may be the one submitted,
 * never merged with them. In stream order, so that versions follow each other.
 */
export const handler = streamWorker<Submission>({
  name: 'writeSubmissionDrafts',
  inOrder: true,
  handle: async ({ newImage: submission, oldImage, log }) => {
    if (!submission || (oldImage && oldImage.version >= submission.version)) return;
    const token = await contentReadToken();
    const region = await queryContentLake<RegionByCodeQueryResult>(
      regionByCodeQuery,
      { code: submission.event.regionCode },
      token,
    );
    const matches = await queryContentLake<PossibleOrganizationsQueryResult>(
      possibleOrganizationsQuery,
      {
        siret: submission.organization.siret ?? null,
        rna: submission.organization.rna ?? null,
        name: submission.organization.name,
        words: significantWords(submission.organization.name),
      },
      token,
    );
    const previousDates = oldImage?.event.occurrences.length ?? 0;
    const dates = Math.max(submission.event.occurrences.length, previousDates);
    const existing = await documentsById(submissionDocumentIds(submission.id, dates));
    const mutations = submissionMutations(
      submission,
      { regionId: region?._id ?? null, possibleOrganizationIds: matches.map((match) => match._id) },
      existing,
      previousDates,
    );
    if (mutations.length > 0) await mutate(mutations);
    log.info('Submission written as drafts', {
      submissionId: submission.id,
      version: submission.version,
      mutations: mutations.length,
      possibleOrganizations: matches.length,
      regionFound: region !== null,
    });
  },
});
