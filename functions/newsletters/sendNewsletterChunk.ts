import { dynamoDbDocumentClient, sesBulkClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { suppressedKeys } from '../shared/mail/suppressions.ts';
import { setting } from '../shared/settings.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { coalesced, coalescedByKey } from '../shared/workers/coalescing.ts';
import { mapAtMost } from '../shared/workers/mapAtMost.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { type CallAnswer, sendBulk } from './bulkSend.ts';
import { chunkMails } from './chunkMails.ts';
import type { DigestMaterial } from './digestContent.ts';
import { callsPerChunk, isInAudience, type RecipientOutcome, recipientsPerCall } from './newsletterSend.ts';
import {
  backoffMilliseconds,
  type Chunk,
  NewsletterSendStore,
  type SendContent,
} from './newsletterSendStore.ts';
import { afterChunkSettled } from './sendCompletion.ts';
import { bulkDailyQuota, bulkSendRate, takeSendAllowance } from './sendingPace.ts';
import { publishProgress } from './sendingProgress.ts';
import { bulkSentInLast24Hours, quotaPauseReason, quotaRoom, recordBulkSent } from './sendingQuota.ts';
import { type FrozenRecipient, frozenRecipientsFreshFor } from './sendTypes.ts';

const store = new NewsletterSendStore(dynamoDbDocumentClient(), tableNameOf('newsletterSends'));
/** A whole call refused for a passing reason is tried this many times before its recipients fail. */
const maxAttempts = 5;
/** The frozen content of a send, read once per container. */
const contents = new Map<string, SendContent | DigestMaterial>();
async function contentOf(sendId: string): Promise<SendContent | DigestMaterial> {
  let content = contents.get(sendId);
  if (!content) {
    content = await store.content(sendId);
    if (!content) throw new Error('A send without its content');
    contents.set(sendId, content);
  }
  return content;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
/** Whether a call was refused for a passing reason (throttled, SES unavailable). */
const refusedForNow = (answer: CallAnswer | Error) =>
  !(answer instanceof Error) && answer.kind === 'refusedForNow';

const sum = (counts: readonly number[]) => counts.reduce((total, count) => total + count, 0);

// The chunks of a batch run concurrently: what they ask of one item at the same moment is one
// call (the send's state, the pace and quota counters, the check for the end of the send).
const sendStateOf = coalescedByKey((sendId) => store.stateWithoutCounts(sendId));
const settledChunkOf = coalescedByKey((sendId) => afterChunkSettled(store, sendId), 5);
const countBulkSent = coalesced<number, void>(
  async (counts) => {
    await recordBulkSent(dynamoDbDocumentClient(), tableNameOf('newsletterSends'), sum(counts));
    return counts.map(() => undefined);
  },
  { windowMilliseconds: 5 },
);
/** This second's allowance for several chunks at once, in groups the account's rate admits. */
const takeAllowances = coalesced<number, boolean>(
  async (counts) => {
    const perSecond = await bulkSendRate();
    const answers: boolean[] = [];
    let group: number[] = [];
    const take = async () => {
      if (group.length === 0) return;
      const taken = await takeSendAllowance(
        dynamoDbDocumentClient(),
        tableNameOf('newsletterSends'),
        sum(group),
        perSecond,
        Date.now() + 30_000,
      );
      answers.push(...group.map(() => taken));
      group = [];
    };
    for (const count of counts) {
      if (sum(group) + count > perSecond) await take();
      group.push(count);
    }
    await take();
    return answers;
  },
  { windowMilliseconds: 5 },
);

type Outcomes = Record<string, { outcome: RecipientOutcome; reason?: string }>;

/**
 * Stream worker on the newsletter chunks: sends one pending chunk (up to 500 recipients) with
 * SendBulkEmail calls of 50, ten at once. The chunk is marked as being sent before the calls and
 * settled with each recipient's outcome after them, once. A chunk found "being sent" when it
 * comes back (the previous run died during its calls) settles as uncertain: never re-sent
 * without an editor.
 */
export const handler = streamWorker<Chunk & { retryAt?: string }>({
  name: 'sendNewsletterChunk',
  handle: async ({ newImage: chunk, log }) => {
    if (chunk?.status !== 'pending') return;
    const send = await sendStateOf(chunk.sendId);
    // Paused (resuming touches the pending chunks again), finished or unknown: nothing now.
    if (!send || (send.state !== 'planning' && send.state !== 'sending')) return;
    // The 24-hour quota spent: the send waits, paused, and resumes by itself once there is room.
    const table = tableNameOf('newsletterSends');
    const room = quotaRoom(
      await bulkDailyQuota(),
      await bulkSentInLast24Hours(dynamoDbDocumentClient(), table),
    );
    if (room < chunk.recipients.length) {
      if (await store.controls.pause(chunk.sendId, quotaPauseReason, systemClock.now(), 'quota')) {
        log.warn('The 24-hour quota is reached: the send pauses until there is room');
        await publishProgress(store, chunk.sendId, systemClock.now(), true);
      }
      return;
    }
    const pacingFrom = Date.now();
    // Wall-clock waits: SES's backoff, then this second's share of the account's rate.
    if (chunk.retryAt) await sleep(Math.min(30_000, Date.parse(chunk.retryAt) - Date.now()));
    const paced = await takeAllowances(chunk.recipients.length);
    // Not a failure of the chunk: the stream hands the record back, and it waits its turn again.
    if (!paced) throw new Error('The account’s send rate is spent for now');
    // Paused while this chunk waited for its turn: it stays pending until the send resumes.
    if (Date.now() - pacingFrom > 250) {
      const current = await sendStateOf(chunk.sendId);
      if (current?.state !== 'planning' && current?.state !== 'sending') return;
    }
    if (!(await store.claim(chunk, systemClock.now()))) {
      const current = await store.chunk(chunk.sendId, chunk.index);
      if (current?.status === 'sending' && current.attempts === chunk.attempts + 1) {
        // This very attempt was cut off during its call: SES may have sent.
        const uncertain: Outcomes = {};
        for (const key of current.recipients)
          uncertain[key] = { outcome: 'uncertain', reason: 'interrupted' };
        await store.settle(current, uncertain, systemClock.now());
        log.warn('Chunk interrupted during its call: recipients left uncertain', {
          size: current.recipients.length,
        });
        await afterChunkSettled(store, chunk.sendId);
      } else if (current?.status === 'settled') {
        // Settled by an earlier try of this record that failed afterwards: finish what followed.
        await afterChunkSettled(store, chunk.sendId);
      }
      return;
    }
    const attempts = chunk.attempts + 1;
    // Planned a moment ago: the copy of the profiles taken then; later, the profiles as they are now.
    const fresh = chunk.frozen && Date.now() - (chunk.plannedAt ?? 0) < frozenRecipientsFreshFor;
    const [profiles, suppressed, content, ring] = await Promise.all([
      fresh ? chunk.frozen : store.profiles(tableNameOf('subscribers'), chunk.recipients),
      suppressedKeys(chunk.recipients),
      contentOf(chunk.sendId),
      tokenKeyRing(),
    ]);
    const byKey = new Map(
      (profiles as unknown as FrozenRecipient[]).map((profile) => [profile.addressKey, profile]),
    );
    const outcomes: Outcomes = {};
    const subscribers: FrozenRecipient[] = [];
    for (const key of chunk.recipients) {
      const subscriber = byKey.get(key);
      if (suppressed.has(key)) outcomes[key] = { outcome: 'suppressed' };
      // Left since the audience was frozen (or changed lists): not sent.
      else if (!subscriber || !isInAudience(subscriber, send.audience))
        outcomes[key] = { outcome: 'unsubscribed' };
      else subscribers.push(subscriber);
    }
    const { groups, empty } = await chunkMails({
      sendId: chunk.sendId,
      content,
      audience: send.audience,
      subscribers,
      ring,
      now: systemClock.now(),
    });
    // A digest that lost its content since planning (the subscriber changed regions): not sent.
    for (const key of empty) outcomes[key] = { outcome: 'unsubscribed', reason: 'empty digest' };
    // Counted before the calls: a call cut off may still have sent.
    const handedToSes = groups.reduce((sum, group) => sum + group.recipients.length, 0);
    if (handedToSes > 0) await countBulkSent(handedToSes);
    const fromName = content.kind === 'digest' ? content.brand.siteName : content.fromName;
    const tags: Record<string, string> =
      send.kind === 'test' ? { send: 'test' } : { newsletter: send.newsletterId, send: send.kind };
    // One SendBulkEmail call per 50 recipients of a group, at most ten at a time.
    const calls = groups.flatMap((group) =>
      Array.from({ length: Math.ceil(group.recipients.length / recipientsPerCall) }, (_, call) => ({
        mail: group.mail,
        recipients: group.recipients.slice(call * recipientsPerCall, (call + 1) * recipientsPerCall),
      })),
    );
    const answers = await mapAtMost(callsPerChunk, calls, (call) =>
      sendBulk(
        sesBulkClient(),
        {
          fromName,
          fromAddress: setting('mailFrom'),
          configurationSet: setting('sesBulkConfigurationSet'),
          subject: call.mail.subject,
          html: call.mail.html,
          text: call.mail.text,
          // Bounces and complaints come back tagged: a real send's count towards its automatic pause.
          tags,
        },
        call.recipients,
      ).catch((error: unknown) => error as Error),
    );
    const retry: string[] = [];
    // No call answered: the chunk stays "being sent", and this record's retry settles it as
    // uncertain. Every call refused for now: the whole chunk waits and is tried again.
    const noAnswer = answers.find((answer) => answer instanceof Error);
    if (noAnswer && answers.every((answer) => answer instanceof Error)) {
      log.error('SendBulkEmail got no answer', { errorName: noAnswer.name });
      throw noAnswer;
    }
    if (attempts < maxAttempts && answers.every(refusedForNow)) {
      await store.release(chunk, new Date(Date.now() + backoffMilliseconds(attempts)));
      log.warn('SendBulkEmail refused for now; the chunk will be tried again', { attempts });
      return;
    }
    calls.forEach((call, callIndex) => {
      const answer = answers[callIndex] as (typeof answers)[number];
      call.recipients.forEach((recipient, index) => {
        const key = recipient.addressKey;
        // Each call's recipients get what that call got.
        if (answer instanceof Error) outcomes[key] = { outcome: 'uncertain', reason: 'no answer' };
        else if (answer.kind === 'refusedForNow' && attempts < maxAttempts) retry.push(key);
        else if (answer.kind !== 'answered') outcomes[key] = { outcome: 'failed', reason: answer.reason };
        else {
          const entry = answer.entries[index];
          if (entry?.kind === 'sent') outcomes[key] = { outcome: 'sent' };
          else if (entry?.kind === 'retry' && attempts < maxAttempts) retry.push(key);
          else outcomes[key] = { outcome: 'failed', reason: entry?.reason ?? 'no result' };
        }
      });
    });
    await store.settle({ ...chunk, attempts }, outcomes, systemClock.now(), retry);
    await settledChunkOf(chunk.sendId);
  },
});
