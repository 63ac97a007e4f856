import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { NewsletterSendStore } from '../../functions/newsletters/newsletterSendStore.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { publishListAndNewsletter, requestNewsletterSend } from '../support/newsletterFixtures.ts';
import { storedSubscriber } from './subscriptionSupport.ts';
import {
  documentClient,
  editorClient,
  mailTo,
  settledEmails,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

/**
 * The 24-hour quota through the local stack (`SES_MAX_24_HOUR_SEND` 50,000 there, 20 % kept for
 * transactional mail: 40,000 for bulk): with the last hours' bulk mail at the quota, a send
 * pauses itself with the reason shown to editors and sends nothing; once there is room, the
 * every-minute schedule resumes it and every recipient gets the mail once.
 */
const run = randomUUID().slice(0, 8);
const listId = `quota-${run}`;
const newsletterId = `newsletter-quota-${run}`;
const addresses = Array.from({ length: 12 }, (_, n) => `quota${n}.${run}@exemple.fr`);
const table = localTableName('newsletterSends');
const thisHour = { pk: `QUOTA#${Math.floor(Date.now() / 3_600_000)}`, sk: 'QUOTA' };
const sends = () => new NewsletterSendStore(documentClient(), table);
const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function stateWhen(ready: (state: Awaited<ReturnType<NewsletterSendStore['state']>>) => boolean) {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const state = await sends().state(newsletterId);
    if (ready(state)) return state;
    if (Date.now() > deadline) throw new Error(`The send never got there: ${JSON.stringify(state)}`);
    await pause(250);
  }
}

describe('the 24-hour quota', () => {
  afterAll(async () => {
    await documentClient().send(new DeleteCommand({ TableName: table, Key: thisHour }));
  });

  it('pauses a send when bulk mail reached it, and resumes it once there is room', async () => {
    await publishListAndNewsletter(editorClient(), {
      listId,
      listTitle: `Quota ${run}`,
      newsletterId,
      subject: `Lettre sous quota ${run}`,
      slug: `lettre-quota-${run}`,
    });
    await Promise.all(addresses.map((address) => storedSubscriber(address, [listId])));
    // The day's bulk mail, as if sent in this hour: the whole bulk quota.
    await documentClient().send(
      new PutCommand({ TableName: table, Item: { ...thisHour, used: 40_000, expiresAt: 4_102_444_800 } }),
    );
    // The senders keep the sum 2 seconds: let what they read before go stale.
    await pause(2500);
    await requestNewsletterSend(editorClient(), newsletterId);
    const paused = await stateWhen((state) => state?.state === 'paused');
    expect(paused?.pauseReason).toMatch(/^Quota d’envoi des dernières 24 heures atteint/);
    expect(paused?.sent).toBe(0);
    const early = await settledEmails();
    expect(addresses.flatMap((address) => mailTo(early, address))).toEqual([]);

    // A day later (the counters age out): room again.
    await documentClient().send(new DeleteCommand({ TableName: table, Key: thisHour }));
    await pause(2500);
    useLocalFunctionEnvironment();
    const { handler } = (await import('../../functions/newsletters/startScheduledSends.ts')) as {
      handler: (event: unknown, context: Context) => Promise<{ resumed: number }>;
    };
    await handler({}, lambdaContext('startScheduledSends'));
    const finished = await stateWhen((state) => state?.state === 'finished');
    expect(finished?.sent).toBe(addresses.length);
    const inbox = await waitForEmails((all) => addresses.every((address) => mailTo(all, address).length > 0));
    for (const address of addresses) expect(mailTo(inbox, address)).toHaveLength(1);
    expect(await sends().controls.pausedForQuota()).not.toContain(newsletterId);
  });
});
