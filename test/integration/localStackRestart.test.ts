import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@sanity/client';
import { afterAll, describe, expect, it } from 'vitest';
import { localContentLakeToken } from '../../infra/local/localEnvironment.ts';
import {
  type LocalStackProcess,
  portEnvironment,
  startLocalStackProcess,
} from '../support/localStackProcess.ts';
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

async function startStack(): Promise<LocalStackProcess> {
  const stack = await startLocalStackProcess({
    args: ['--data-dir', dataDirectory],
    environment: portEnvironment(ports),
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
  rmSync(dataDirectory, { recursive: true, force: true });
});

const inbox = async (): Promise<DeliveredEmail[]> =>
  ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: DeliveredEmail[] }).emails;
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never happened; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
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
    const editor = createClient({
      projectId: 'essaimdemo',
      dataset: 'production',
      apiVersion: '2025-02-19',
      useCdn: false,
      apiHost: `http://127.0.0.1:${ports.contentLake}`,
      useProjectHostname: false,
      token: localContentLakeToken,
    });
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
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await inbox()).toEqual([]);

    const second = uniqueEmail('apres-redemarrage');
    expect((await register(later, second)).status).toBe(201);
    await until(
      async () => to(second)(await inbox()),
      (mails) => mails.length === 1,
      'the new confirmation',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await inbox();
    expect(after).toHaveLength(1);
    expect(to(second)(after)).toHaveLength(1);
    await stopStack(stack);
  }, 240_000);
});
