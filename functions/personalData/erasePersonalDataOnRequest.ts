import { systemClock } from '../shared/clock.ts';
import { countMetric } from '../shared/metrics.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { requestStore } from './personalDataContext.ts';
import { erasePersonalData } from './personalDataFinder.ts';
import type { PersonalDataRequest } from './personalDataRequest.ts';
import { personalDataTables } from './personalDataTables.ts';
import { storedDataFinders } from './storedDataFinders.ts';

/**
 * Stream worker (filtered on an erasure request's move from `requested` to `confirmed`): the
 * same erasure as `npm run gdpr -- erase`, with the same finders (`storedDataFinders`): the
 * address suppressed first (naming this request), upcoming registrations cancelled so that
 * their places go to the waiting list, everything else deleted but the keyed hash in the
 * suppression set. Then the request moves to `erased`, which `mailPersonalDataOutcome` says by
 * mail. This function sends no mail: the one that writes the suppression set is not the one
 * that mails. Erasing twice is harmless, so a retried record is too. The address comes from the
 * stream record, which a retry hands over unchanged.
 *
 * What it does not reach, and why: SES's account-level suppression list (it names the address
 * only when SES refused it; an erasure never lifts it anyway), the dead-letter queues (a failed
 * batch names other people too, so only an operator's `npm run gdpr -- erase` sweeps them; they
 * age out in 14 days), the Content Lake (no visitor's address is kept there).
 */
export const handler = streamWorker<PersonalDataRequest>({
  name: 'erasePersonalDataOnRequest',
  handle: async ({ newImage: request, log }) => {
    if (!request?.email || request.kind !== 'erase' || request.status !== 'confirmed') return;
    const now = systemClock.now();
    const erasure = await erasePersonalData(
      await personalDataTables(),
      storedDataFinders,
      request.email,
      now,
      request.id,
    );
    await requestStore.markErased(request.id, now);
    countMetric('personalDataErased');
    // What was done, in counts: never the address.
    log.info('Personal data erased', { actions: erasure.actions });
  },
});
