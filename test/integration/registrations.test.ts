import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { registersAtOnce } from './abuseSupport.ts';
import {
  apiUrl,
  type DemoEvent,
  demoDocuments,
  mailTo,
  postJson,
  registrationItemsOf,
  settledEmails,
  tokenIn,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

const events = demoDocuments<DemoEvent>('event');
/**
 * Distinct events per test: registrations persist for the whole run. These take places at
 * once (no confirmation by e-mail: unlimited places, or the organiser chose so); held places
 * are tested in heldPlaces.test.ts.
 */
const pick = (predicate: (event: DemoEvent) => boolean, skip = 0) =>
  events.filter((event) => event.status === 'scheduled' && predicate(event) && registersAtOnce(event))[
    skip
  ] as DemoEvent;

/**
 * Registers as a page would: a busy answer (503, a loaded machine running a crowd of functions in
 * one process) is tried again after its Retry-After, up to 8 times; anything else is returned.
 */
async function register(event: DemoEvent, email: string, name = 'Alex Martin'): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await postJson(`/events/${event.slug.current}/registrations`, {
      name,
      email,
      consent: true,
    });
    if (response.status !== 503 || attempt === 8) return response;
    await response.body?.cancel();
    await new Promise((resolve) =>
      setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 2)),
    );
  }
}

const parisDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

describe('POST /events/{slug}/registrations', () => {
  it('confirms a place, mails the confirmation with a calendar file, and the link shows and cancels it', async () => {
    const event = pick((e) => e.registration.capacity === undefined);
    const email = uniqueEmail('inscrite');
    const response = await register(event, email, 'Inès Moreau');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; status: string };
    expect(body.status).toBe('confirmed');

    const [confirmation] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    expect(confirmation?.subject).toBe(`Inscription confirmée : ${event.title}`);
    expect(confirmation?.body.text).toContain('Bonjour Inès Moreau,');
    const attachment = (
      confirmation as unknown as {
        attachments: { content: string; filename?: string; contentType?: string }[];
      }
    ).attachments[0];
    expect(attachment).toBeDefined();
    const ics = Buffer.from(attachment?.content ?? '', 'base64').toString('utf8');
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('summary')).toBe(event.title);

    const token = tokenIn(confirmation);
    const shown = await fetch(`${apiUrl()}/registrations/${encodeURIComponent(token)}`);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({
      id: body.id,
      status: 'confirmed',
      email,
      event: { slug: event.slug.current },
    });

    const cancelled = await fetch(`${apiUrl()}/registrations/${encodeURIComponent(token)}`, {
      method: 'DELETE',
    });
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
    const again = await fetch(`${apiUrl()}/registrations/${encodeURIComponent(token)}`, { method: 'DELETE' });
    expect(again.status).toBe(200);
    const mails = await waitForEmails((all) => mailTo(all, email).length >= 2);
    expect(mailTo(mails, email).map((mail) => mail.subject)).toEqual([
      `Inscription confirmée : ${event.title}`,
      `Inscription annulée : ${event.title}`,
    ]);
    expect(mailTo(await settledEmails(), email)).toHaveLength(2);
  });

  it('refuses tampered and unknown links with a 404 that reveals nothing', async () => {
    const event = pick((e) => e.registration.capacity === undefined, 1);
    const email = uniqueEmail('jeton');
    await register(event, email);
    const [mail] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    const token = tokenIn(mail);
    const [keyId, payload, mac] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify(['registration', event._id, 'autre'])).toString(
      'base64url',
    );
    for (const bad of [
      `${keyId}.${forgedPayload}.${mac}`,
      `${keyId}.${payload}.${mac?.slice(0, -2)}AA`,
      'n-importe-quoi',
      `inconnue.${payload}.${mac}`,
      // Key ids that are names on Object.prototype: the same 404, never a 500.
      `constructor.${payload}.${mac}`,
      `__proto__.${payload}.${mac}`,
      `toString.${payload}.${mac}`,
      `${keyId}.${payload}=.${mac}`,
    ]) {
      const response = await fetch(`${apiUrl()}/registrations/${encodeURIComponent(bad)}`, {
        method: 'DELETE',
      });
      expect(response.status, bad).toBe(404);
      expect(((await response.json()) as { detail: string }).detail).toBe(
        'Ce lien d’inscription n’est pas valide.',
      );
      expect((await fetch(`${apiUrl()}/registrations/${encodeURIComponent(bad)}`)).status, bad).toBe(404);
    }
    const still = await fetch(`${apiUrl()}/registrations/${encodeURIComponent(token)}`);
    expect(((await still.json()) as { status: string }).status).toBe('confirmed');
  });

  it('never overbooks: ten times the capacity at once gives exactly the capacity confirmed, the rest waiting in order', async () => {
    const event = pick((e) => e.registration.capacity === 12 && e.registration.waitingList === true);
    const capacity = event.registration.capacity as number;
    const emails = Array.from({ length: capacity * 10 }, (_, index) => uniqueEmail(`foule${index}`));
    const answers = await Promise.all(
      emails.map(async (email) => {
        const response = await register(event, email);
        return {
          httpStatus: response.status,
          ...((await response.json()) as { status: string; position?: number }),
        };
      }),
    );
    // Anything else than a place or a position: its HTTP status and problem, in the failure.
    expect(
      answers.filter((answer) => answer.status !== 'confirmed' && answer.status !== 'waitlisted'),
    ).toEqual([]);
    const confirmed = answers.filter((answer) => answer.status === 'confirmed');
    const waiting = answers.filter((answer) => answer.status === 'waitlisted');
    expect(confirmed).toHaveLength(capacity);
    expect(waiting).toHaveLength(capacity * 9);
    for (const answer of waiting) expect(answer.position).toBeGreaterThanOrEqual(1);
    // Whoever comes after the crowd queues after all of it, in the order they came.
    const latecomers: unknown[] = [];
    for (const label of ['retard1', 'retard2'])
      latecomers.push(await (await register(event, uniqueEmail(label))).json());
    expect(latecomers).toEqual([
      { id: expect.any(String), status: 'waitlisted', position: capacity * 9 + 1 },
      { id: expect.any(String), status: 'waitlisted', position: capacity * 9 + 2 },
    ]);
    // The waiting list is one queue: a distinct ticket per person, and the counters agree.
    const Items = await registrationItemsOf(event);
    const queue = Items.filter((item) => (item.sk as string).startsWith('WAIT#'));
    expect(new Set(queue.map((item) => item.sk)).size).toBe(capacity * 9 + 2);
    expect(Items.find((item) => item.sk === 'COUNTER')).toMatchObject({
      confirmed: capacity,
      waitlisted: capacity * 9 + 2,
    });
    expect(
      Items.filter((item) => (item.sk as string).startsWith('REG#') && item.status === 'confirmed'),
    ).toHaveLength(capacity);
    const detail = (await (await fetch(`${apiUrl()}/events/${event.slug.current}`)).json()) as {
      registration: { placesLeft: number; capacity: number };
    };
    expect(detail.registration).toMatchObject({ capacity, placesLeft: 0 });
    // The programme's items say the same, live; unlimited events have no count.
    const listed = (await (
      await fetch(
        `${apiUrl()}/events?from=${event.startsAt}&to=${parisDay.format(new Date(event.startsAt))}&limit=100`,
      )
    ).json()) as {
      items: {
        id: string;
        registration: { open: boolean; capacity: number | null; placesLeft: number | null };
      }[];
    };
    expect(listed.items.find((item) => item.id === event._id)?.registration).toEqual({
      open: true,
      capacity,
      placesLeft: 0,
      waitingList: true,
    });
    for (const item of listed.items.filter((item) => item.registration.capacity === null))
      expect(item.registration.placesLeft).toBeNull();
  });

  it('gives places freed by simultaneous cancellations to the first people waiting, once each', async () => {
    const event = pick((e) => e.registration.capacity === 12 && e.registration.waitingList === true, 1);
    const capacity = event.registration.capacity as number;
    const first = Array.from({ length: capacity }, (_, index) => uniqueEmail(`place${index}`));
    for (const email of first) await register(event, email);
    const waiting = [uniqueEmail('attente1'), uniqueEmail('attente2'), uniqueEmail('attente3')];
    const positions: number[] = [];
    for (const email of waiting)
      positions.push(((await (await register(event, email)).json()) as { position: number }).position);
    expect(positions).toEqual([1, 2, 3]);

    const leaving = first.slice(0, 2);
    const mails = await waitForEmails((all) => leaving.every((email) => mailTo(all, email).length === 1));
    await Promise.all(
      leaving.map((email) =>
        fetch(`${apiUrl()}/registrations/${encodeURIComponent(tokenIn(mailTo(mails, email)[0]))}`, {
          method: 'DELETE',
        }),
      ),
    );
    const after = await waitForEmails((all) =>
      mailTo(all, waiting[1] as string).some((mail) => mail.subject.startsWith('Une place')),
    );
    expect(mailTo(after, waiting[0] as string).map((mail) => mail.subject)).toContain(
      `Une place s’est libérée : ${event.title}`,
    );
    const settled = await settledEmails();
    for (const email of waiting.slice(0, 2)) {
      expect(mailTo(settled, email).filter((mail) => mail.subject.startsWith('Une place'))).toHaveLength(1);
    }
    expect(
      mailTo(settled, waiting[2] as string).filter((mail) => mail.subject.startsWith('Une place')),
    ).toHaveLength(0);
    const detail = (await (await fetch(`${apiUrl()}/events/${event.slug.current}`)).json()) as {
      registration: { placesLeft: number };
    };
    expect(detail.registration.placesLeft).toBe(0);
  });

  it('answers a second registration as a new one, creating nothing, and resends the link at most once a day', async () => {
    const event = pick((e) => e.registration.capacity === undefined, 2);
    const email = uniqueEmail('encore');
    const first = await register(event, email);
    const again = await register(event, email.toUpperCase());
    // Whoever knows only the address learns nothing: the same answer as a newcomer's.
    expect([first.status, again.status]).toEqual([201, 201]);
    const [firstBody, againBody] = [(await first.json()) as object, (await again.json()) as object];
    expect(againBody).toEqual({ id: expect.any(String), status: 'confirmed' });
    expect(Object.keys(againBody)).toEqual(Object.keys(firstBody));
    await register(event, email);
    // Both mails arrived (the stream workers may lag behind a crowd), and then nothing more.
    await waitForEmails((all) => mailTo(all, email).length + mailTo(all, email.toUpperCase()).length >= 2);
    const settled = await settledEmails();
    const mine = mailTo(settled, email).concat(mailTo(settled, email.toUpperCase()));
    // The mailbox owner is told which case applies: already registered, here is the link.
    expect(mine.map((mail) => mail.subject).sort()).toEqual(
      [`Inscription confirmée : ${event.title}`, `Votre inscription : ${event.title}`].sort(),
    );
    // One registration, one id pointer: the second request created nothing.
    const items = await registrationItemsOf(event);
    const mineKey = items.find((item) => item.email === email)?.addressKey;
    expect(
      items.filter((item) => item.addressKey === mineKey).map((item) => String(item.sk).split('#')[0]),
    ).toEqual(expect.arrayContaining(['REG', 'REGID']));
    expect(items.filter((item) => item.addressKey === mineKey)).toHaveLength(2);
  });

  it('refuses closed, full and unknown events with French problems', async () => {
    const cancelled = events.find((e) => e.status === 'cancelled') as DemoEvent;
    const closed = await register(cancelled, uniqueEmail('annulee'));
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { detail: string }).detail).toBe('Cette manifestation est annulée.');

    const noWaitingList = pick((e) => e.registration.capacity === 12 && e.registration.waitingList === false);
    for (let index = 0; index < 12; index++) await register(noWaitingList, uniqueEmail(`complet${index}`));
    const full = await register(noWaitingList, uniqueEmail('trop-tard'));
    expect(full.status).toBe(409);
    expect(((await full.json()) as { title: string }).title).toBe('Manifestation complète');

    const unknown = await postJson('/events/nulle-part/registrations', {
      name: 'A',
      email: uniqueEmail('x'),
      consent: true,
    });
    expect(unknown.status).toBe(404);
    const invalid = await postJson(`/events/${noWaitingList.slug.current}/registrations`, {
      name: 'A',
      email: 'pas-une-adresse',
    });
    expect(invalid.status).toBe(400);
  });
});
