import type { ContentChange } from '../contentChanges/contentChange.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { PrintedProgrammeStore } from './printedProgrammeStore.ts';
import { printProgramme } from './printProgramme.ts';
import { regionScope } from './programmeRegions.ts';
import { printRequestQuery } from './queries.ts';

const store = new PrintedProgrammeStore(dynamoDbDocumentClient(), tableNameOf('printedProgrammes'));

/**
 * Stream worker on content changes: a « Générer le programme papier » request an editor
 * published is acted on once, however many times the webhook is delivered. What the signed
 * webhook says is only that the request exists: it is read back from the Content Lake. Made
 * first, then remembered: making it again after a crash in between gives the same file.
 */
export const handler = streamWorker<ContentChange>({
  name: 'acceptPrintRequests',
  handle: async ({ newImage: change, log }) => {
    if (change?.type !== 'printedProgrammeRequest' || change.operation !== 'create') return;
    if (await store.wasRequestActedOn(change.documentId)) return;
    const { value: request } = await readContent(
      printRequestQuery,
      { id: change.documentId },
      { revalidate: true },
    );
    if (!request?.campaignId) {
      log.warn('Printed programme request not found or without a campaign: nothing done');
      return;
    }
    const now = systemClock.now();
    const region = regionScope(request.region);
    if (region === undefined) {
      // No booklet will ever come of it: remembered, so a retry does not look again.
      log.warn('Printed programme request for an unknown region: nothing done', { region: request.region });
      await store.rememberRequest(request._id, now);
      return;
    }
    const record = await printProgramme({
      campaignId: request.campaignId,
      trigger: 'studio',
      requestedBy: request.requestedBy ?? null,
      now,
      region,
      edition: `request#${request._id}`,
    });
    await store.rememberRequest(request._id, now);
    log.info('Printed programme made on request', {
      campaign: request.campaignId,
      region: region?.code ?? 'national',
      pages: record?.pages,
      events: record?.events,
    });
  },
});
