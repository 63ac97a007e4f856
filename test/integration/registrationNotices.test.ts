import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import {
  type DeliveredEmail,
  demoDocuments,
  editorClient,
  postJson,
  settledEmails,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

interface DemoEvent {
  _id: string;
  _type: string;
  title: string;
  slug: { current: string };
  status: string;
  startsAt: string;
  registration: { capacity?: number };
}
const events = demoDocuments<DemoEvent>('event').filter(
  (doc) => doc.status === 'scheduled' && doc.registration.capacity === undefined,
);
const mailTo = (emails: DeliveredEmail[], address: string) =>
  emails.filter((mail) => mail.destination.to.includes(address));
const register = (event: DemoEvent, email: string) =>
  postJson(`/events/${event.slug.current}/registrations`, { name: 'Léa Garnier', email, consent: true });

describe('reminders the day before', () => {
  let remind: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<{ reminders: number }>;

  beforeAll(async () => {
    useLocalFunctionEnvironment();
    ({ handler: remind } = (await import('../../functions/workers/sendEventReminders.ts')) as unknown as {
      handler: typeof remind;
    });
  });

  it('reminds each confirmed registrant once, however many runs see the same day', async () => {
    const event = events[10] as DemoEvent;
    const email = uniqueEmail('rappel');
    expect((await register(event, email)).status).toBe(201);
    await waitForEmails((all) => mailTo(all, email).length === 1);

    const isReminder = (mail: DeliveredEmail) => mail.subject.startsWith('C’est demain');
    try {
      // Two days before, by the worker's clock: not yet.
      process.env.ESSAIM_NOW = new Date(Date.parse(event.startsAt) - 48 * 3600_000).toISOString();
      await remind({}, lambdaContext('sendEventReminders'));
      expect(mailTo(await settledEmails(500), email).filter(isReminder)).toHaveLength(0);
      // The day before in Paris; the schedule runs hourly, so several runs see that day.
      process.env.ESSAIM_NOW = new Date(Date.parse(event.startsAt) - 24 * 3600_000).toISOString();
      for (let run = 0; run < 3; run++) await remind({}, lambdaContext('sendEventReminders'));
    } finally {
      delete process.env.ESSAIM_NOW;
    }
    const reminders = mailTo(await settledEmails(500), email).filter((mail) =>
      mail.subject.startsWith('C’est demain'),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe(`C’est demain : ${event.title}`);
    expect(reminders[0]?.body.text).toContain('/inscriptions/');
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
    const settled = await settledEmails(2000);
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
