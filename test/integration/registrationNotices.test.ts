import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EventSnapshot, retentionEnd } from '../../functions/registrations/registration.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { atTime, registersAtOnce } from './abuseSupport.ts';
import {
  apiUrl,
  type DeliveredEmail,
  type DemoEvent,
  demoDocuments,
  editorClient,
  mailTo,
  postJson,
  registrationItemsOf,
  settledEmails,
  tokenIn,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

const scheduled = demoDocuments<DemoEvent>('event').filter((doc) => doc.status === 'scheduled');
const events = scheduled.filter((doc) => doc.registration.capacity === undefined);
const register = (event: DemoEvent, email: string) =>
  postJson(`/events/${event.slug.current}/registrations`, { name: 'Léa Garnier', email, consent: true });
const registrationOf = async (token: string) =>
  (await (await fetch(`${apiUrl()}/registrations/${encodeURIComponent(token)}`)).json()) as {
    status: string;
    position?: number;
    event: { startsAt: string; endsAt: string; title: string };
  };

/** Waits for a stream worker's effect. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Never happened; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
let remind: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<{ reminders: number }>;
async function remindAt(now: string): Promise<void> {
  await atTime(now, () => remind({}, lambdaContext('sendEventReminders')));
}
const isReminder = (mail: DeliveredEmail) => mail.subject.startsWith('C’est demain');

beforeAll(async () => {
  useLocalFunctionEnvironment();
  ({ handler: remind } = (await import('../../functions/registrations/sendEventReminders.ts')) as unknown as {
    handler: typeof remind;
  });
});

describe('reminders the day before', () => {
  it('reminds each confirmed registrant once, however many runs see the same day', async () => {
    const event = events[10] as DemoEvent;
    const email = uniqueEmail('rappel');
    expect((await register(event, email)).status).toBe(201);
    await waitForEmails((all) => mailTo(all, email).length === 1);
    // Two days before, by the worker's clock: not yet.
    await remindAt(new Date(Date.parse(event.startsAt) - 48 * 3600_000).toISOString());
    expect(mailTo(await settledEmails(), email).filter(isReminder)).toHaveLength(0);
    // The day before in Paris; the schedule runs hourly, so several runs see that day.
    for (let run = 0; run < 3; run++)
      await remindAt(new Date(Date.parse(event.startsAt) - 24 * 3600_000).toISOString());
    const reminders = mailTo(await settledEmails(), email).filter((mail) =>
      mail.subject.startsWith('C’est demain'),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe(`C’est demain : ${event.title}`);
    expect(reminders[0]?.body.text).toContain('/inscription.html?jeton=');
  });
});

describe('notices when editors change an event', () => {
  const editor = editorClient;

  it('tells every registrant once what changed: a new time, then a cancellation; a new title alone says nothing', async () => {
    const event = events[11] as DemoEvent;
    const emails = [uniqueEmail('changement1'), uniqueEmail('changement2')];
    for (const email of emails) expect((await register(event, email)).status).toBe(201);
    await waitForEmails((all) => emails.every((email) => mailTo(all, email).length === 1));

    const later = new Date(Date.parse(event.startsAt) + 2 * 3600_000).toISOString();
    await editor().patch(event._id).set({ startsAt: later }).commit();
    await editor()
      .patch(event._id)
      .set({ title: `${event.title} !` })
      .commit();
    await editor().patch(event._id).set({ status: 'cancelled' }).commit();

    const all = await waitForEmails((inbox) =>
      emails.every((email) => mailTo(inbox, email).some((mail) => mail.subject.startsWith('Annulation'))),
    );
    const settled = await settledEmails();
    for (const email of emails) {
      const notices = mailTo(settled, email).filter((mail) =>
        /^(Changement|Annulation) :/.test(mail.subject),
      );
      expect(notices.map((mail) => mail.subject.split(' :')[0])).toEqual(['Changement', 'Annulation']);
      expect(notices[0]?.body.text).toContain('Date :');
      expect(notices[0]?.body.text).toContain('au lieu de');
    }
    expect(all.length).toBeGreaterThan(0);
  });
});

describe('registrations follow the edits of their event', () => {
  const editor = editorClient;

  it('an event moved to another day: the manage page, the retention and the reminder follow it', async () => {
    const event = events[12] as DemoEvent;
    const email = uniqueEmail('deplacee');
    expect((await register(event, email)).status).toBe(201);
    const [confirmation] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    const token = tokenIn(confirmation);

    const week = 7 * 86_400_000;
    const startsAt = new Date(Date.parse(event.startsAt) + week).toISOString();
    const endsAt = new Date(Date.parse(event.endsAt) + week).toISOString();
    await editor().patch(event._id).set({ startsAt, endsAt }).commit();

    const shown = await eventually(
      () => registrationOf(token),
      (registration) => registration.event.startsAt === startsAt,
    );
    expect(shown.event.endsAt).toBe(endsAt);
    const items = await registrationItemsOf(event);
    const retention = retentionEnd(endsAt, 6);
    expect(items.find((item) => (item.sk as string).startsWith('REG#'))?.expiresAt).toBe(retention);
    expect(items.find((item) => item.sk === 'COUNTER')?.expiresAt).toBe(retention);
    const isNotice = (mail: DeliveredEmail) => /^(Changement|Annulation) :/.test(mail.subject);
    const [notice] = mailTo(await waitForEmails((all) => mailTo(all, email).some(isNotice)), email).filter(
      isNotice,
    );
    expect(notice?.body.text).toContain('Date :');

    // An older edit reaching the worker late (another shard, a retried webhook) puts nothing
    // back and tells nobody anything.
    const { handler: follow } = (await import(
      '../../functions/registrations/followEventChanges.ts'
    )) as unknown as {
      handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
    };
    const known = (items.find((item) => (item.sk as string).startsWith('REG#'))?.event ??
      {}) as EventSnapshot;
    const older = {
      ...known,
      title: `${known.title} (ancien)`,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
    };
    await follow(
      {
        Records: [
          {
            eventID: 'ancien',
            eventName: 'INSERT',
            dynamodb: {
              Keys: marshall({ pk: `CHANGE#${event._id}#ancienne` }),
              NewImage: marshall(
                {
                  pk: `CHANGE#${event._id}#ancienne`,
                  documentId: event._id,
                  type: 'event',
                  revision: 'ancienne',
                  operation: 'update',
                  before: { ...known, startsAt: '2027-11-01T08:00:00.000Z' },
                  after: older,
                  // Edited before the move the registration already follows.
                  updatedAt: '2026-01-01T00:00:00.000Z',
                  receivedAt: '2027-10-20T08:00:00.000Z',
                },
                { removeUndefinedValues: true },
              ),
              SequenceNumber: '1',
            },
          },
        ],
      },
      lambdaContext('followEventChanges'),
    );
    expect((await registrationOf(token)).event).toMatchObject({ startsAt, title: known.title });
    expect(mailTo(await settledEmails(), email).filter(isNotice)).toHaveLength(1);

    // The day before the old date: nothing; the day before the new one: one reminder, with it.
    await remindAt(new Date(Date.parse(event.startsAt) - 24 * 3600_000).toISOString());
    await remindAt(new Date(Date.parse(startsAt) - 24 * 3600_000).toISOString());
    await remindAt(new Date(Date.parse(startsAt) - 20 * 3600_000).toISOString());
    const reminders = mailTo(await settledEmails(), email).filter(isReminder);
    expect(reminders).toHaveLength(1);
    const newDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(
      new Date(startsAt),
    );
    expect(reminders[0]?.body.text).toContain(newDay);
  });

  it('places added by editors go to the people waiting, first come first served, once each', async () => {
    const event = scheduled.filter(
      (doc) =>
        doc.registration.capacity === 12 && doc.registration.waitingList === true && registersAtOnce(doc),
    )[2] as DemoEvent;
    const placed = Array.from({ length: 12 }, (_, index) => uniqueEmail(`ajout${index}`));
    for (const email of placed) expect((await register(event, email)).status).toBe(201);
    const waiting = Array.from({ length: 4 }, (_, index) => uniqueEmail(`attente-ajout${index}`));
    for (const email of waiting) expect((await register(event, email)).status).toBe(201);
    const inbox = await waitForEmails((all) => waiting.every((email) => mailTo(all, email).length === 1));
    const lastToken = tokenIn(mailTo(inbox, waiting[3] as string)[0]);

    await editor().patch(event._id).set({ 'registration.capacity': 15 }).commit();

    const isPromotion = (mail: DeliveredEmail) => mail.subject.startsWith('Une place');
    await waitForEmails((all) => waiting.slice(0, 3).every((email) => mailTo(all, email).some(isPromotion)));
    const settled = await settledEmails();
    expect(waiting.map((email) => mailTo(settled, email).filter(isPromotion).length)).toEqual([1, 1, 1, 0]);
    expect(await registrationOf(lastToken)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await registrationItemsOf(event)).find((item) => item.sk === 'COUNTER')).toMatchObject({
      confirmed: 15,
      waitlisted: 1,
    });
  });
});
