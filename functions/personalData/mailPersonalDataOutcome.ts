import { systemClock } from '../shared/clock.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { countMetric } from '../shared/metrics.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { requestStore } from './personalDataContext.ts';
import { erasureEmail, exportEmail } from './personalDataEmails.ts';
import { exportPersonalData } from './personalDataFinder.ts';
import type { PersonalDataRequest } from './personalDataRequest.ts';
import { personalDataTables } from './personalDataTables.ts';
import { storedDataReaders } from './storedDataFinders.ts';

/**
 * Stream worker, filtered on a confirmed export request and on an erased one:
 *
 * - export: what the tables hold about the address, found by the same finders as
 *   `npm run gdpr -- export` (their reading halves, `storedDataReaders`), mailed to it as JSON;
 * - erasure: the mail saying it is done, which only the suppression this very request wrote
 *   lets through (any other suppression, a hard bounce say, still stops it).
 *
 * Each mail goes once (idempotent mailer); then the request drops the address and its hash
 * (`done`). The address comes from the stream record, which a retry hands over unchanged.
 */
export const handler = streamWorker<PersonalDataRequest>({
  name: 'mailPersonalDataOutcome',
  mailer: idempotentMailer,
  handle: async ({ newImage: request, log }, mail) => {
    if (!request?.email) return;
    const exporting = request.kind === 'export' && request.status === 'confirmed';
    const erased = request.kind === 'erase' && request.status === 'erased';
    if (!exporting && !erased) return;
    const { brand } = await currentSiteSettings();
    if (exporting) {
      const exported = await exportPersonalData(
        await personalDataTables(),
        storedDataReaders,
        request.email,
        systemClock.now(),
      );
      const sesMessageId = await mail.sendOnce(
        `${request.pk}#export`,
        await exportEmail(request.email, { brand, exported }),
      );
      countMetric('personalDataExported');
      log.info('Personal data exported', { sesMessageId });
    } else {
      const sesMessageId = await mail.sendOnce(
        `${request.pk}#erased`,
        await erasureEmail(request.email, { brand }),
        { despiteErasureRequest: request.id },
      );
      log.info('Personal data erasure confirmed', { sesMessageId });
    }
    await requestStore.markDone(request.id, systemClock.now());
  },
});
