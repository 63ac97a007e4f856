import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { chunkSize } from './newsletterSend.ts';
import { NewsletterSendStore } from './newsletterSendStore.ts';
import { bulkDailyQuota } from './sendingPace.ts';
import { publishProgress } from './sendingProgress.ts';
import { bulkSentInLast24Hours, quotaRoom } from './sendingQuota.ts';

const table = tableNameOf('newsletterSends');
const store = new NewsletterSendStore(dynamoDbDocumentClient(), table);

/**
 * Scheduled worker (every minute): starts the programmed sends whose time has come, and resumes
 * those the 24-hour quota paused once there is room again. Starting and resuming are conditional
 * changes of state, so a run that fires twice acts once.
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
    // Sends the 24-hour quota paused resume once a chunk's worth of room is back.
    let resumed = 0;
    const waiting = await store.controls.pausedForQuota();
    if (waiting.length > 0) {
      const quota = await bulkDailyQuota();
      const room = quotaRoom(quota, await bulkSentInLast24Hours(dynamoDbDocumentClient(), table));
      if (room >= Math.min(chunkSize, quota))
        for (const sendId of waiting)
          if (await store.controls.resumeAfterQuota(sendId, now)) {
            resumed += 1;
            await publishProgress(store, sendId, now, true);
          }
    }
    return { started, resumed };
  },
});
