import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createClient } from '@sanity/client';
import { afterAll, describe, expect, it } from 'vitest';
import { NewsletterSendStore } from '../../functions/newsletters/newsletterSendStore.ts';
import { SubscriptionStore } from '../../functions/subscriptions/subscriptionStore.ts';
import {
  localContentLakeToken,
  localCredentials,
  localRegion,
  localTableName,
} from '../../infra/local/localEnvironment.ts';
import { startFailingSesProxy } from '../support/failingSesProxy.ts';
import {
  type LocalStackProcess,
  portEnvironment,
  startLocalStackProcess,
} from '../support/localStackProcess.ts';
import { publishListAndNewsletter, requestNewsletterSend } from '../support/newsletterFixtures.ts';
import { localAddressKey } from './subscriptionSupport.ts';
import { type DeliveredEmail, type DemoEvent, demoDocuments, uniqueEmail } from './support.ts';

/**
 * `npm run dev` stopped and started again on its data directory carries on where it was: no
 * stream record handled twice, editors' changes kept, new records handled once. Its own stack,
 * on ports apart from the shared test stack's (moved by ESSAIM_TEST_PORT_OFFSET too).
 */
const offset = Number(process.env.ESSAIM_TEST_PORT_OFFSET ?? 0) + 50;
const ports = {
  api: 3100 + offset,
  ses: 8105 + offset,
  dynamoDb: 8100 + offset,
  contentLake: 8110 + offset,
  pages: 8130 + offset,
};
const apiUrl = `http://127.0.0.1:${ports.api}`;
const sesUrl = `http://127.0.0.1:${ports.ses}`;
const dataDirectory = mkdtempSync(join(tmpdir(), 'essaim-restart-'));

const running: LocalStackProcess[] = [];
// The functions call SES through a proxy that can refuse calls as SES does (`failingSesProxy.ts`).
const sesProxy = await startFailingSesProxy({ target: () => sesUrl, failShare: 0, answerDelayMs: 250 });

async function startStack(): Promise<LocalStackProcess> {
  const stack = await startLocalStackProcess({
    // The Studio is not what a restart tests: its build would be most of the start's work.
    args: ['--data-dir', dataDirectory, '--no-studio'],
    // 25 mails a second: chunks of 20 (the bulk share), so a send of 300 is many calls.
    environment: { ...portEnvironment(ports), SES_ENDPOINT: sesProxy.url, SES_SEND_RATE: '25' },
    readyText: 'Essaim local stack ready',
    // DynamoDB Local's start and the demo content, on a machine the other tests keep busy.
    timeoutMs: 90_000,
  });
  running.push(stack);
  return stack;
}

const stopStack = (stack: LocalStackProcess): Promise<void> => stack.stop();

afterAll(async () => {
  for (const stack of running) await stopStack(stack);
  await sesProxy.close();
  rmSync(dataDirectory, { recursive: true, force: true });
});

const inbox = async (): Promise<DeliveredEmail[]> =>
  ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: DeliveredEmail[] }).emails;
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  withinMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never happened; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
/** Waits until this file's stack has nothing left to do (`GET /health/settled`). */
const settledStack = async (): Promise<void> => {
  const response = await fetch(`${apiUrl}/health/settled?timeoutMs=60000`);
  expect(response.status, await response.text()).toBe(200);
};
const to = (address: string) => (mails: DeliveredEmail[]) =>
  mails.filter((mail) => mail.destination.to.includes(address));
const register = (event: DemoEvent, email: string) =>
  fetch(`${apiUrl}/events/${event.slug.current}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Maëlle Le Gall', email, consent: true }),
  });
const eventThroughApi = async (event: DemoEvent) =>
  (await (await fetch(`${apiUrl}/events/${event.slug.current}`)).json()) as {
    title: string;
    startsAt: string;
  };

const editor = createClient({
  projectId: 'essaimdemo',
  dataset: 'production',
  apiVersion: '2025-02-19',
  useCdn: false,
  apiHost: `http://127.0.0.1:${ports.contentLake}`,
  useProjectHostname: false,
  token: localContentLakeToken,
});

const events = demoDocuments<DemoEvent>('event').filter(
  (doc) => doc.status === 'scheduled' && doc.registration.capacity === undefined,
);

describe('npm run dev restarted on its data', () => {
  it('replays no stream, forgets no editor’s change, and handles what comes next once', async () => {
    const [changed, later] = [events[3], events[4]] as [DemoEvent, DemoEvent];
    const first = uniqueEmail('avant-redemarrage');
    const moved = new Date(Date.parse(changed.startsAt) + 2 * 3600_000).toISOString();
    const newTitle = `${changed.title} (nouvelle formule)`;

    let stack = await startStack();
    expect((await register(changed, first)).status).toBe(201);
    await until(
      async () => to(first)(await inbox()),
      (mails) => mails.length === 1,
      'the confirmation',
    );
    // An editor moves the event: the change notice goes out through two streams.
    await editor.patch(changed._id).set({ startsAt: moved, title: newTitle }).commit();
    await until(
      async () => to(first)(await inbox()),
      (mails) => mails.length === 2,
      'the change notice',
    );
    await until(
      () => eventThroughApi(changed),
      (event) => event.title === newTitle,
      'the new title',
    );
    await stopStack(stack);
    expect(readdirSync(dataDirectory).sort()).toEqual(
      expect.arrayContaining(['content-lake.ndjson', 'dynamodb', 'stream-checkpoints.json']),
    );

    stack = await startStack();
    // Ready means caught up with the streams: nothing was handed to a worker again.
    const streams = (await (await fetch(`${apiUrl}/health/streams`)).json()) as {
      caughtUp: boolean;
      recordsDelivered: number;
    };
    expect(streams).toEqual({ caughtUp: true, recordsDelivered: 0 });
    expect(await eventThroughApi(changed)).toMatchObject({ title: newTitle, startsAt: moved });
    await settledStack();
    expect(await inbox()).toEqual([]);

    const second = uniqueEmail('apres-redemarrage');
    expect((await register(later, second)).status).toBe(201);
    await until(
      async () => to(second)(await inbox()),
      (mails) => mails.length === 1,
      'the new confirmation',
    );
    await settledStack();
    const after = await inbox();
    expect(after).toHaveLength(1);
    expect(to(second)(after)).toHaveLength(1);
    // Still running: the next test crashes it.
  }, 240_000);
});

describe('a newsletter send through failing SES calls and a crash', () => {
  it('ends every recipient sent, failed with its reason or uncertain, none twice', async () => {
    const run = randomUUID().slice(0, 8);
    const listId = `panne-${run}`;
    const newsletterId = `newsletter-panne-${run}`;
    const addresses = Array.from({ length: 120 }, (_, n) => `panne${n}.${run}@exemple.fr`);
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${ports.dynamoDb}`,
        region: localRegion,
        credentials: localCredentials,
      }),
    );
    const sends = new NewsletterSendStore(client, localTableName('newsletterSends'));
    let stack =
      running.at(-1)?.child.exitCode === null ? (running.at(-1) as LocalStackProcess) : await startStack();

    const subscribers = new SubscriptionStore(client, localTableName('subscribers'));
    for (let n = 0; n < addresses.length; n += 25)
      await Promise.all(
        addresses.slice(n, n + 25).map(async (email) => {
          const subscription = {
            id: randomUUID(),
            addressKey: localAddressKey(email),
            email,
            status: 'pending' as const,
            lists: [listId],
            regions: [],
            themes: [],
            digest: 'none' as const,
            consent: { textVersion: 'test', givenAt: new Date().toISOString(), source: 'test' },
            createdAt: new Date().toISOString(),
            pendingUntil: '2099-01-01T00:00:00.000Z',
          };
          await subscribers.savePending(subscription);
          await subscribers.confirm(subscription, new Date());
        }),
      );
    await publishListAndNewsletter(editor, {
      listId,
      listTitle: `Panne ${run}`,
      newsletterId,
      subject: `La lettre de la panne ${run}`,
      slug: `lettre-panne-${run}`,
    });

    // A fifth of SendBulkEmail calls refused (throttling, internal failure), then a crash mid-send.
    sesProxy.setFailShare(0.2);
    const accepted = () =>
      sesProxy.calls.filter((call) => call.bulk && call.accepted).flatMap((call) => call.destinations);
    await requestNewsletterSend(editor, newsletterId);
    // The crash while SES holds a call: it took the mail, its answer is lost.
    await until(
      async () => ({ count: accepted().length, held: sesProxy.inFlight().some((call) => call.accepted) }),
      ({ count, held }) => count >= 40 && held,
      'a third of the mail, and a call under way',
      60_000,
    );
    await stack.kill();
    const killedAt = Date.now();
    const acceptedAtKill = accepted().length;
    // In flight at the crash: received, and not answered, or answered too late to be settled.
    const inFlight = new Set(
      sesProxy.calls
        .filter((call) => call.bulk && (call.answeredAt === undefined || call.answeredAt > killedAt - 2000))
        .flatMap((call) => call.destinations),
    );

    stack = await startStack();
    const finished = await until(
      () => sends.state(newsletterId),
      (state) => state?.state === 'finished',
      'the end of the send',
      150_000,
    );
    const outcomes = new Map<string, { outcome: string; reason?: string }>();
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: localTableName('newsletterSends'),
          FilterExpression: 'begins_with(pk, :prefix) AND sk = :chunk',
          ExpressionAttributeValues: { ':prefix': `SEND#${newsletterId}#CHUNK#`, ':chunk': 'CHUNK' },
          ...(cursor ? { ExclusiveStartKey: cursor } : {}),
        }),
      );
      for (const chunk of page.Items ?? [])
        for (const [key, value] of Object.entries(
          (chunk.outcomes ?? {}) as Record<string, { outcome: string; reason?: string }>,
        ))
          if (value.outcome !== 'resent') outcomes.set(key, value);
      cursor = page.LastEvaluatedKey;
    } while (cursor);

    const received = new Map<string, number>();
    for (const address of accepted()) received.set(address, (received.get(address) ?? 0) + 1);
    const uncertain = addresses.filter(
      (email) => outcomes.get(localAddressKey(email))?.outcome === 'uncertain',
    );
    for (const email of addresses) {
      const ended = outcomes.get(localAddressKey(email));
      expect(['sent', 'failed', 'uncertain'], email).toContain(ended?.outcome);
      if (ended?.outcome === 'failed') expect(ended.reason, email).toBeTruthy();
      // Nobody twice; whoever is counted sent got it once.
      expect(received.get(email) ?? 0, email).toBeLessThanOrEqual(1);
      if (ended?.outcome === 'sent') expect(received.get(email), email).toBe(1);
    }
    for (const email of uncertain) expect(inFlight.has(email), email).toBe(true);
    expect(finished).toMatchObject({ audienceSize: addresses.length });
    expect((finished?.sent ?? 0) + (finished?.failed ?? 0) + (finished?.uncertain ?? 0)).toBe(
      addresses.length,
    );
    // The crash came mid-send, the restarted stack went on, and the refusals happened.
    expect(acceptedAtKill).toBeLessThan(addresses.length);
    expect(accepted().length).toBeGreaterThan(acceptedAtKill);
    const refused = sesProxy.calls.filter((call) => call.refused).length;
    expect(refused).toBeGreaterThan(0);
    console.info(
      `Fault run: ${refused} calls refused, ${acceptedAtKill} mails before the crash, ${inFlight.size} in flight; ended ${finished?.sent} sent, ${finished?.failed} failed, ${finished?.uncertain} uncertain`,
    );
    sesProxy.setFailShare(0);

    // « Renvoyer aux destinataires incertains »: the uncertain, and only they, get the mail once
    // more; a second request sends nothing. (A crash while SES holds a call leaves some.)
    if (uncertain.length > 0) {
      const callsBefore = sesProxy.calls.length;
      await requestNewsletterSend(editor, newsletterId, 'resendUncertain');
      const resent = await until(
        () => sends.state(newsletterId),
        (state) => state?.state === 'finished' && state.uncertain === 0,
        'the uncertain sent again',
        60_000,
      );
      expect(resent).toMatchObject({ sent: (finished?.sent ?? 0) + uncertain.length, uncertain: 0 });
      const again = sesProxy.calls
        .slice(callsBefore)
        .filter((call) => call.bulk && call.accepted)
        .flatMap((call) => call.destinations);
      expect(again.sort()).toEqual([...uncertain].sort());
      const callsAfterResend = sesProxy.calls.length;
      await requestNewsletterSend(editor, newsletterId, 'resendUncertain');
      await settledStack();
      expect(sesProxy.calls.length).toBe(callsAfterResend);
    }
    await stopStack(stack);
  }, 300_000);
});
