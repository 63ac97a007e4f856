import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { NewsletterSendStore } from './newsletterSendStore.ts';
import { publishProgress } from './sendingProgress.ts';

const store = new NewsletterSendStore(dynamoDbDocumentClient(), tableNameOf('newsletterSends'));

/**
 * Scheduled worker (every minute): starts the programmed sends whose time has come. Starting is
 * a conditional change of state, so a run that fires twice starts each send once.
 */
export const handler = scheduledWorker({
  name: 'startScheduledSends',
  run: async () => {
    const now = systemClock.now();
    let started = 0;
    for (const { sendId, sendAt } of await store.controls.due(now))
      if (await store.controls.start(sendId, sendAt, now)) {
        started += 1;
        await publishProgress(store, sendId, now, true);
      }
    return { started };
  },
});
