import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { atTime, inProcessRoute, registersAtOnce, stackNow } from './abuseSupport.ts';
import {
  apiUrl,
  type DeliveredEmail,
  type DemoEvent,
  demoDocuments,
  documentClient,
  mailTo,
  postJson,
  registrationItemsOf,
  settledEmails,
  tokenIn,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

/**
 * Events that ask for confirmation by e-mail (the default with limited places): a place is held
 * until the registrant clicks, given back when the hold ends, and no answer tells whether an
 * address was registered.
 */
const confirming = demoDocuments<DemoEvent>('event').filter(
  (event) =>
    event.status === 'scheduled' &&
    event.registration.capacity === 12 &&
    event.registration.waitingList === true &&
    !registersAtOnce(event),
);
const register = (event: DemoEvent, email: string) =>
  postJson(`/events/${event.slug.current}/registrations`, { name: 'Maël Roux', email, consent: true });
const confirm = (token: string) =>
  fetch(`${apiUrl()}/registrations/${encodeURIComponent(token)}/confirmation`, { method: 'POST' });
const counterOf = async (event: DemoEvent) =>
  (await registrationItemsOf(event)).find((item) => item.sk === 'COUNTER');
/** The event's entries in the index of held places (the sweeper's `HOLDS` partition). */
const holdsOf = async (event: DemoEvent) =>
  (
    await documentClient().send(
      new QueryCommand({
        TableName: localTableName('registrations'),
        KeyConditionExpression: 'pk = :holds',
        FilterExpression: 'eventId = :eventId',
        ExpressionAttributeValues: { ':holds': 'HOLDS', ':eventId': event._id },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];
const isConfirmLink = (mail: DeliveredEmail) => mail.subject.startsWith('Confirmez votre inscription');
/** The stack's clock plus `minutes`. */
const later = (minutes: number) => new Date(Date.parse(stackNow) + minutes * 60_000).toISOString();

let releaseEndedHolds: () => Promise<unknown>;
beforeAll(async () => {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/registrations/releaseEndedHolds.ts')) as unknown as {
    handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
  };
  releaseEndedHolds = () => handler({}, lambdaContext('releaseEndedHolds'));
});

describe('registrations confirmed by e-mail', () => {
  it('answers the same whether the address is new or registered; the mail says which; one click confirms, twice is harmless', async () => {
    const event = confirming[0] as DemoEvent;
    const email = uniqueEmail('confirmer');
    const answers = [];
    for (const address of [email, email.toUpperCase(), uniqueEmail('autre')]) {
      const response = await register(event, address);
      answers.push({ email: address, status: response.status, body: await response.json() });
    }
    expect(answers.map(({ status, body }) => ({ status, body }))[0]).toEqual({
      status: 202,
      body: { status: 'pending', message: expect.stringContaining('Vérifiez votre messagerie') },
    });
    expect(answers[1]?.body).toEqual(answers[0]?.body);
    expect(answers[2]?.body).toEqual(answers[0]?.body);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);

    const mails = mailTo(await waitForEmails((all) => mailTo(all, email).length === 2), email);
    expect(mails.every(isConfirmLink)).toBe(true);
    expect(mails[0]?.body.text).toMatch(/réservée\s+jusqu’à\s+10:30/);
    expect(mails[1]?.body.text).toMatch(/attend\s+déjà\s+votre\s+confirmation/);
    const token = tokenIn(mails[0]);
    // Opening the link confirms nothing; the page's button posts the confirmation.
    expect(
      (
        (await (await fetch(`${apiUrl()}/registrations/${encodeURIComponent(token)}`)).json()) as {
          status: string;
        }
      ).status,
    ).toBe('pending');
    const first = await confirm(token);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'confirmed', email });
    const second = await confirm(token);
    expect(((await second.json()) as { status: string }).status).toBe('confirmed');
    const confirmations = mailTo(await settledEmails(), email).filter((mail) =>
      mail.subject.startsWith('Inscription confirmée'),
    );
    expect(confirmations).toHaveLength(1);
    expect(await counterOf(event)).toMatchObject({ confirmed: 1, held: 1, taken: 2 });
    // The other registrant cancels from the link before confirming: the held place comes back.
    const other = mailTo(await settledEmails(), answers[2]?.email as string)[0];
    const cancelled = await fetch(`${apiUrl()}/registrations/${encodeURIComponent(tokenIn(other))}`, {
      method: 'DELETE',
    });
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
    expect(await counterOf(event)).toMatchObject({ confirmed: 1, held: 0, taken: 1 });
    expect(await holdsOf(event)).toEqual([]);
  });

  it('holds exactly the places there are under a crowd, and every answer is the same', async () => {
    const event = confirming[1] as DemoEvent;
    const answers = await Promise.all(
      Array.from({ length: 36 }, (_, index) => register(event, uniqueEmail(`foule-a-confirmer${index}`))),
    );
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([202]));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    const items = await registrationItemsOf(event);
    const pending = items.filter((item) => String(item.sk).startsWith('REG#'));
    expect(pending).toHaveLength(36);
    expect(pending.filter((item) => item.holdsPlace === true)).toHaveLength(12);
    expect(await counterOf(event)).toMatchObject({ held: 12, taken: 12 });
    const detail = (await (await fetch(`${apiUrl()}/events/${event.slug.current}`)).json()) as {
      registration: { placesLeft: number; confirmationRequired: boolean };
    };
    expect(detail.registration).toMatchObject({ placesLeft: 0, confirmationRequired: true });
    // Past the holds, a newcomer finds the places given back at once (before the sweeper's run).
    const registerLater = await inProcessRoute(
      () => import('../../functions/registrations/registerForEvent.ts'),
      'POST /events/{slug}/registrations',
    );
    const newcomer = await atTime(later(31), () =>
      registerLater({
        sourceIp: '192.0.2.60',
        pathParameters: { slug: event.slug.current },
        body: { name: 'Noa', email: uniqueEmail('apres'), consent: true },
      }),
    );
    expect(newcomer.status).toBe(202);
    expect(await counterOf(event)).toMatchObject({ held: 1, taken: 1 });
  });

  it('gives back a place not confirmed in time, and the waiting list moves on as after a cancellation', async () => {
    const event = confirming[2] as DemoEvent;
    const holders = Array.from({ length: 12 }, (_, index) => uniqueEmail(`retenue${index}`));
    for (const email of holders) expect((await register(event, email)).status).toBe(202);
    const waiting = uniqueEmail('en-attente');
    expect((await register(event, waiting)).status).toBe(202);
    const inbox = await waitForEmails((all) =>
      [...holders, waiting].every((email) => mailTo(all, email).length === 1),
    );
    // The first holder confirms in time; the one who came when it was full joins the list.
    expect(
      ((await (await confirm(tokenIn(mailTo(inbox, holders[0] as string)[0]))).json()) as { status: string })
        .status,
    ).toBe('confirmed');
    const joined = await confirm(tokenIn(mailTo(inbox, waiting)[0]));
    expect(await joined.json()).toMatchObject({ status: 'waitlisted', position: 1 });

    // 29 minutes: nothing ends. 31 minutes: eleven holds end, the first person waiting gets a place.
    await atTime(later(29), releaseEndedHolds);
    expect(await counterOf(event)).toMatchObject({ confirmed: 1, held: 11, taken: 12, waitlisted: 1 });
    await atTime(later(31), releaseEndedHolds);
    const promoted = await waitForEmails((all) =>
      mailTo(all, waiting).some((mail) => mail.subject.startsWith('Une place s’est libérée')),
    );
    expect(mailTo(promoted, waiting).map((mail) => mail.subject)).toContain(
      `Une place s’est libérée : ${event.title}`,
    );
    expect(await counterOf(event)).toMatchObject({ confirmed: 2, held: 0, taken: 2, waitlisted: 0 });
    expect(await holdsOf(event)).toEqual([]);
    // Released once, whatever the runs; a late click takes a free place as a newcomer would.
    await atTime(later(32), releaseEndedHolds);
    const late = await confirm(tokenIn(mailTo(inbox, holders[1] as string)[0]));
    expect(((await late.json()) as { status: string }).status).toBe('confirmed');
    expect(await counterOf(event)).toMatchObject({ confirmed: 3, held: 0, taken: 3, waitlisted: 0 });
    // Nobody who did not confirm is on the attendee list, nor is mailed anything more.
    const unconfirmed = holders.slice(2);
    const settled = await settledEmails();
    for (const email of unconfirmed) expect(mailTo(settled, email)).toHaveLength(1);
  });
});
