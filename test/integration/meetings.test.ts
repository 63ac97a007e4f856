import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessMeetingsFinder } from '../../functions/personalData/meetingFinder.ts';
import { pdfText } from '../support/pdfText.ts';
import { atTime } from './abuseSupport.ts';
import {
  afterDeadline,
  beforeDeadline,
  calendarEventsOf,
  changeMeeting,
  confirmAddress,
  erasureTarget,
  eventId,
  everySlot,
  expectGridInvariants,
  fireSchedule,
  gridTokenIn,
  ids,
  meetingDocument,
  movesWithinRules,
  organiserEmail,
  participants,
  putWishes,
  registerRoute,
  registrationBody,
  type Space,
  slug,
  space,
  spaceTokenIn,
  tableItems,
  title,
  tokens,
  who,
  wishesRoute,
  withdraw,
} from './meetingsSupport.ts';
import { localAddressKey } from './subscriptionSupport.ts';
import { apiUrl, deliveredEmails, editorClient, mailTo, settledEmails, waitForEmails } from './support.ts';

/**
 * Business meetings through the local stack: participants register on both sides (their link
 * mailed by the stack's stream worker), see the other side and rank wishes until the deadline;
 * the schedule, driven with a set clock, makes the grid once and mails every schedule with an
 * `.ics` per meeting and the organiser the grid's link; the organiser exports and adjusts it, and
 * each change is mailed to the two participants concerned, once.
 */
describe('business meetings', () => {
  beforeAll(async () => {
    await editorClient().createOrReplace(meetingDocument);
  });

  afterAll(async () => {
    await editorClient().delete(eventId);
  });

  it('registers participants on both sides and mails each the link to their space', async () => {
    const register = await registerRoute();
    for (const [index, participant] of participants.entries()) {
      const answer = await atTime(beforeDeadline, () =>
        register({
          sourceIp: `198.51.100.${10 + index}`,
          pathParameters: { slug },
          body: registrationBody(participant),
        }),
      );
      expect(answer.status, participant.key).toBe(202);
      expect(answer.body.message).toContain('lien de votre espace');
    }
    const wrongSlot = await atTime(beforeDeadline, () =>
      register({
        sourceIp: '198.51.100.30',
        pathParameters: { slug },
        body: { ...registrationBody(who('a1')), email: 'autre@exemple.fr', slots: ['09:00', '11:15'] },
      }),
    );
    expect(wrongSlot.status).toBe(400);
    expect(wrongSlot.body.errors).toEqual([
      {
        pointer: '/slots/1',
        detail: 'Ce créneau ne fait pas partie de la grille (09:00, 09:20, 09:40, 10:00).',
      },
    ]);

    const emails = await waitForEmails((all) => participants.every((p) => mailTo(all, p.email).length === 1));
    for (const participant of participants) {
      const [mail] = mailTo(emails, participant.email);
      expect(mail?.subject).toBe(`Votre espace : ${title}`);
      expect(mail?.body.text).toContain(`Bonjour ${participant.name},`);
      tokens.set(participant.key, spaceTokenIn(mail));
      // The link opens the hosted page of the participant's space.
      const link =
        mail?.body.text?.match(/https?:\/\/\S+\/rencontre-espace\.html\?jeton=[^\s\]]+/)?.[0] ?? '';
      expect((await fetch(link)).status, link).toBe(200);
    }
    for (const participant of participants)
      ids.set(participant.key, (await space(participant.key)).participant.id);

    // Opening the space (as every participant just did) does not confirm the address: no profile shows yet.
    expect((await space('a1')).others).toEqual([]);
    expect((await space('b1')).participant.confirmed).toBe(false);
    // A click in the space does: the profile then shows to the other side, and a second click changes nothing.
    for (const participant of participants) {
      const confirmed = await confirmAddress(participant.key);
      expect(confirmed.status, participant.key).toBe(200);
      expect(((await confirmed.json()) as Space).participant.confirmed).toBe(true);
    }
    expect((await confirmAddress('b1')).status).toBe(200);
    expect((await space('a1')).others).toHaveLength(3);
    const gone = await fetch(
      `${apiUrl()}/meeting-participants/x${encodeURIComponent(tokens.get('a1') ?? '')}/confirmation`,
      {
        method: 'POST',
      },
    );
    expect(gone.status).toBe(404);

    // Registering again answers the same, and mails nothing more the same day.
    const again = await atTime(beforeDeadline, () =>
      register({ sourceIp: '198.51.100.31', pathParameters: { slug }, body: registrationBody(who('a1')) }),
    );
    expect(again.status).toBe(202);
    expect(mailTo(await settledEmails(), who('a1').email)).toHaveLength(1);
  });

  it('shows the other side’s profiles and takes ranked wishes, until the deadline only', async () => {
    const buyer = await space('a1');
    expect(buyer.others.map((other) => other.name).sort()).toEqual([
      'Chloé Coop',
      'David Asso',
      'Emma Insertion',
    ]);
    expect(buyer.schedule).toBeNull();
    const id = (key: string) => ids.get(key) as string;
    const wishes: Record<string, string[]> = {
      a1: [id('b1'), id('b2'), id('b3')],
      a2: [id('b1'), id('b2')],
      b1: [id('a1')],
      b2: [id('a2'), id('a1')],
      b3: [id('a1')],
    };
    for (const [key, list] of Object.entries(wishes))
      expect((await putWishes(key, list)).status, key).toBe(200);
    expect((await space('a1')).wishes).toEqual(wishes.a1);

    const ownSide = await putWishes('a1', [id('a2')]);
    expect(ownSide.status).toBe(400);
    expect(((await ownSide.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      '/wishes/0',
    );

    const update = await wishesRoute();
    const late = await atTime(afterDeadline, () =>
      update({
        sourceIp: '198.51.100.40',
        pathParameters: { token: tokens.get('a1') ?? '' },
        body: { wishes: [] },
      }),
    );
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('La date limite des souhaits est passée');
    const register = await registerRoute();
    const lateRegistration = await atTime(afterDeadline, () =>
      register({ sourceIp: '198.51.100.41', pathParameters: { slug }, body: registrationBody(who('b1')) }),
    );
    expect(lateRegistration.status).toBe(409);
  });

  it('makes the grid once the deadline has passed, once, and mails every schedule with an .ics per meeting', async () => {
    expect((await fireSchedule(beforeDeadline)).events).not.toContain(eventId);
    // Two firings at once (a retried EventBridge target, a slow run): the claim lets one schedule.
    const both = await Promise.all([fireSchedule(afterDeadline), fireSchedule(afterDeadline)]);
    expect(both.filter((outcome) => outcome.events.includes(eventId))).toHaveLength(1);
    expect((await fireSchedule(afterDeadline)).events).not.toContain(eventId);

    const meetings = await tableItems('MEET#');
    expect(meetings.length).toBeGreaterThan(0);
    const available = new Map(
      participants.map((p) => [ids.get(p.key), p.slots.map((time) => everySlot.indexOf(time))]),
    );
    for (const meeting of meetings) {
      for (const side of ['a', 'b'] as const)
        expect(available.get(meeting[side] as string)).toContain(meeting.slot);
      const sameSlot = meetings.filter((other) => other.slot === meeting.slot);
      expect(sameSlot.length).toBeLessThanOrEqual(2);
      expect(
        sameSlot.filter((other) => [other.a, other.b].some((p) => p === meeting.a || p === meeting.b)),
      ).toHaveLength(1);
    }
    // Mutual wishes first: Anne and Chloé, Bruno and David wished each other.
    const pairs = meetings.map((meeting) => `${meeting.a}|${meeting.b}`);
    expect(pairs).toEqual(
      expect.arrayContaining([`${ids.get('a1')}|${ids.get('b1')}`, `${ids.get('a2')}|${ids.get('b2')}`]),
    );

    const emails = await waitForEmails(
      (all) =>
        participants.every((p) => mailTo(all, p.email).length === 2) &&
        mailTo(all, organiserEmail).length === 1,
    );
    for (const participant of participants) {
      const schedule = mailTo(emails, participant.email).find(
        (mail) => mail.subject === `Votre planning : ${title}`,
      );
      const own = meetings.filter(
        (meeting) => meeting.a === ids.get(participant.key) || meeting.b === ids.get(participant.key),
      );
      const calendars = calendarEventsOf(schedule);
      expect(calendars, participant.key).toHaveLength(own.length);
      for (const calendar of calendars) {
        expect(String(calendar.getFirstPropertyValue('summary'))).toMatch(
          /^Rendez-vous avec .+, table [12]$/,
        );
        expect(String(calendar.getFirstPropertyValue('location'))).toContain('La Ruche');
      }
    }
    const a1Schedule = (await space('a1')).schedule ?? [];
    expect(a1Schedule.map((meeting) => meeting.with?.id)).toContain(ids.get('b1'));
    // Nothing more on another firing.
    await fireSchedule(afterDeadline);
    const settled = await settledEmails();
    for (const participant of participants)
      expect(mailTo(settled, participant.email), participant.key).toHaveLength(2);
  });

  it('exports the grid as CSV to the holder of the organiser’s link only', async () => {
    const [gridMail] = mailTo(
      await waitForEmails((all) => mailTo(all, organiserEmail).length === 1),
      organiserEmail,
    );
    expect(gridMail?.subject).toBe(`Grille des rendez-vous : ${title}`);
    const token = gridTokenIn(gridMail);
    const response = await fetch(`${apiUrl()}/meetings/${slug}/grid.csv?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    // A byte-order mark first: a spreadsheet then reads the accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'Rendez-vous;Heure;Table;Acheteurs;Structure (Acheteurs);Fournisseurs de l’ESS;Structure (Fournisseurs de l’ESS);Souhait;Statut',
    );
    expect(csv).toContain(
      'Anne Acheteuse;Ville de Rennes;Chloé Coop;Scop Bois d’ici;Souhait réciproque;Prévu',
    );
    expect((await fetch(`${apiUrl()}/meetings/${slug}/grid.csv?token=${token.slice(0, -2)}xx`)).status).toBe(
      404,
    );
    expect((await fetch(`${apiUrl()}/meetings/${slug}/grid.csv`)).status).toBe(400);

    // A lost link is mailed again to the organising team, at most once an hour.
    const ask = () => fetch(`${apiUrl()}/meetings/${slug}/grid/link`, { method: 'POST' });
    expect((await ask()).status).toBe(202);
    expect((await ask()).status).toBe(202);
    const again = await waitForEmails((all) => mailTo(all, organiserEmail).length === 2);
    expect(gridTokenIn(mailTo(again, organiserEmail)[1])).not.toBe('');
    expect(mailTo(await settledEmails(), organiserEmail)).toHaveLength(2);
  });

  it('shows the grid as JSON to the holder of the organiser’s link only, and links its page from the mail', async () => {
    const [gridMail] = mailTo(
      await waitForEmails((all) => mailTo(all, organiserEmail).length >= 1),
      organiserEmail,
    );
    const token = gridTokenIn(gridMail);
    // The mail's main link is the grid's page, with the same token.
    const pageLink = gridMail?.body.text?.match(/\/rencontre-grille\.html\?([^\s\]]+)/)?.[1] ?? '';
    const pageQuery = new URLSearchParams(pageLink.replaceAll('&amp;', '&'));
    expect(pageQuery.get('slug')).toBe(slug);
    expect(pageQuery.get('jeton')).toBe(token);
    expect(gridMail?.body.html).toContain('Voir et ajuster la grille');

    const url = (value: string) => `${apiUrl()}/meetings/${slug}/grid?token=${encodeURIComponent(value)}`;
    const response = await fetch(url(token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store, private');
    const grid = (await response.json()) as {
      event: { slug: string; title: string; date: string; slots: { time: string }[]; tables: number };
      meetings: {
        id: string;
        time: string;
        table: number;
        status: string;
        kind: string;
        version: number;
        a: { id: string; name: string; organisation: string } | null;
        b: { id: string; name: string; organisation: string } | null;
      }[];
      participants: { id: string; side: string; name: string; availableSlots: string[] }[];
    };
    expect(grid.event).toMatchObject({ slug, title, date: '2031-05-20', tables: 2 });
    expect(grid.event.slots.map((slot) => slot.time)).toEqual(everySlot);
    const stored = await tableItems('MEET#');
    expect(grid.meetings.map((meeting) => meeting.id).sort()).toEqual(
      stored.map((meeting) => meeting.id).sort(),
    );
    // By time then table, as the CSV.
    const order = grid.meetings.map((meeting) => `${meeting.time}|${meeting.table}`);
    expect(order).toEqual([...order].sort());
    expect(grid.meetings).toContainEqual({
      id: expect.any(String),
      time: expect.any(String),
      table: expect.any(Number),
      status: 'scheduled',
      kind: 'mutual',
      version: 1,
      a: { id: ids.get('a1'), name: 'Anne Acheteuse', organisation: 'Ville de Rennes' },
      b: { id: ids.get('b1'), name: 'Chloé Coop', organisation: 'Scop Bois d’ici' },
    });
    for (const meeting of grid.meetings) {
      const item = stored.find((candidate) => candidate.id === meeting.id) as Record<string, unknown>;
      expect(meeting.time).toBe(everySlot[Number(item.slot)]);
      expect(meeting.table).toBe(Number(item.table) + 1);
    }
    expect(grid.participants).toHaveLength(participants.length);
    expect(grid.participants.find((participant) => participant.id === ids.get('a2'))).toMatchObject({
      side: 'a',
      name: 'Bruno Achat',
      availableSlots: ['09:00', '09:20'],
    });
    // Nothing of the participants' addresses.
    expect(JSON.stringify(grid)).not.toContain('@');

    const tampered = await fetch(url(`${token.slice(0, -2)}xx`));
    expect(tampered.status).toBe(404);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
    expect(await tampered.text()).not.toContain(title);
    expect((await fetch(`${apiUrl()}/meetings/${slug}/grid`)).status).toBe(400);

    // A change sent with a version the meeting no longer has is refused, and changes nothing.
    const [first] = grid.meetings;
    const stale = await changeMeeting(first?.id ?? '', token, { cancelled: true, version: 7 });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toBe(
      'Ce rendez-vous a été modifié depuis que vous avez ouvert la grille : voyez où il est maintenant, puis recommencez.',
    );
    expect((await changeMeeting(first?.id ?? '', token, { cancelled: true, version: 'deux' })).status).toBe(
      400,
    );
    expect((await tableItems('MEET#')).find((meeting) => meeting.id === first?.id)).toMatchObject({
      status: 'scheduled',
      version: 1,
    });
  });

  it('prints the grid as an A4 PDF for the holder of the organiser’s link only', async () => {
    const [gridMail] = mailTo(
      await waitForEmails((all) => mailTo(all, organiserEmail).length >= 1),
      organiserEmail,
    );
    expect(gridMail?.body.text).toContain('/grid.pdf?token=');
    const token = gridTokenIn(gridMail);
    const url = (value: string) => `${apiUrl()}/meetings/${slug}/grid.pdf?token=${encodeURIComponent(value)}`;
    const response = await fetch(url(token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(title);
    expect(text).toContain('Grille des rendez-vous du mardi 20 mai 2031');
    expect(text).toContain('09:00 – 09:20 Table Acheteurs Fournisseurs de l’ESS');
    expect(text).toContain('Anne Acheteuse Ville de Rennes');
    const tampered = await fetch(url(`${token.slice(0, -2)}xx`));
    expect(tampered.status).toBe(404);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
  });

  it('moves and cancels a meeting within the grid’s rules, and tells the two participants once', async () => {
    const [gridMail] = mailTo(
      await waitForEmails((all) => mailTo(all, organiserEmail).length >= 1),
      organiserEmail,
    );
    const token = gridTokenIn(gridMail);
    const meetings = await tableItems('MEET#');
    // Bruno cannot come at 09:40: moving his meeting there is refused with his name.
    const brunos = meetings.find((meeting) => meeting.a === ids.get('a2')) as Record<string, unknown>;
    const refused = await changeMeeting(String(brunos.id), token, { time: '09:40', table: 1 });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      'Bruno Achat n’est pas disponible à 09:40.',
    );
    expect((await changeMeeting(String(brunos.id), token, { time: '09:00', table: 9 })).status).toBe(400);

    const [move] = movesWithinRules(meetings, ids);
    expect(move).toBeDefined();
    const { id, pair, time, table } = move as NonNullable<typeof move>;
    const moved = await changeMeeting(id, token, { time, table });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ id, status: 'scheduled', time, table, version: 2 });
    const emails = await waitForEmails((all) =>
      pair.every((p) => mailTo(all, p.email).some((mail) => mail.subject.startsWith('Rendez-vous déplacé'))),
    );
    for (const p of pair) {
      const notice = mailTo(emails, p.email).find((mail) => mail.subject.startsWith('Rendez-vous déplacé'));
      expect(notice?.body.text).toContain(`il a lieu à ${time}, table ${table}`);
      expect(calendarEventsOf(notice)).toHaveLength(1);
    }

    const cancelled = await changeMeeting(id, token, { cancelled: true });
    expect(cancelled.status).toBe(200);
    expect((await changeMeeting(id, token, { cancelled: true })).status).toBe(409);
    await waitForEmails((all) =>
      pair.every((p) => mailTo(all, p.email).some((mail) => mail.subject.startsWith('Rendez-vous annulé'))),
    );
    const settled = await settledEmails();
    for (const p of pair) {
      const notices = mailTo(settled, p.email).filter((mail) => mail.subject.startsWith('Rendez-vous'));
      expect(notices, p.key).toHaveLength(2);
      const [calendar] = calendarEventsOf(
        notices.find((mail) => mail.subject.startsWith('Rendez-vous annulé')),
      );
      expect(calendar?.getFirstPropertyValue('status')).toBe('CANCELLED');
    }
    expect((await space(pair[0]?.key ?? '')).schedule?.find((meeting) => meeting.id === id)?.status).toBe(
      'cancelled',
    );
  });

  it('erases a participant on request: their registration goes, their meetings are cancelled and the other side told', async () => {
    const meetings = await tableItems('MEET#');
    const scheduled = meetings.filter((meeting) => meeting.status === 'scheduled');
    const leaving = participants.find((p) =>
      scheduled.some((m) => m.a === ids.get(p.key) || m.b === ids.get(p.key)),
    );
    if (!leaving) throw new Error('no participant with a scheduled meeting left');
    const theirs = scheduled.filter((m) => m.a === ids.get(leaving.key) || m.b === ids.get(leaving.key));
    const partners = theirs.map((m) =>
      who(participants.find((p) => ids.get(p.key) === (m.a === ids.get(leaving.key) ? m.b : m.a))?.key ?? ''),
    );
    const subject = {
      address: leaving.email,
      addressKey: localAddressKey(leaving.email),
      now: new Date(afterDeadline),
    };
    const cancellationsBefore = mailTo(await deliveredEmails(), leaving.email).filter((mail) =>
      mail.subject.startsWith('Rendez-vous annulé'),
    ).length;
    const found = (await businessMeetingsFinder.find(erasureTarget(), subject)) as Record<string, unknown>[];
    expect(found.map((item) => item.email)).toEqual([leaving.email]);
    expect(await businessMeetingsFinder.erase(erasureTarget(), subject)).toEqual([
      `${theirs.length} business meeting${theirs.length === 1 ? '' : 's'} cancelled (the other participants told)`,
      '1 business-meeting registration deleted',
    ]);
    expect(await businessMeetingsFinder.find(erasureTarget(), subject)).toEqual([]);
    await waitForEmails((all) =>
      partners.every((p) =>
        mailTo(all, p.email).some((mail) => mail.body.text?.includes('un participant qui s’est retiré')),
      ),
    );
    const settled = await settledEmails();
    expect(
      mailTo(settled, leaving.email).filter((mail) => mail.subject.startsWith('Rendez-vous annulé')),
    ).toHaveLength(cancellationsBefore);
  });

  it('lets a participant withdraw from their space: their meetings cancelled, the others told once, the link void', async () => {
    const registered = [];
    for (const p of participants)
      if (
        (await fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(tokens.get(p.key) ?? '')}`))
          .status === 200
      )
        registered.push(p);
    const scheduled = (await tableItems('MEET#')).filter((meeting) => meeting.status === 'scheduled');
    const involves = (key: string) => (m: Record<string, unknown>) =>
      m.a === ids.get(key) || m.b === ids.get(key);
    const leaving = registered.find((p) => scheduled.some(involves(p.key))) ?? registered[0];
    if (!leaving) throw new Error('nobody left to withdraw');
    const theirs = scheduled.filter(involves(leaving.key));
    expect(theirs.length, 'the grid leaves someone with meetings to withdraw').toBeGreaterThan(0);
    const partners = theirs.map((m) =>
      who(participants.find((p) => ids.get(p.key) === (m.a === ids.get(leaving.key) ? m.b : m.a))?.key ?? ''),
    );
    const cancellationsOf = (all: Awaited<ReturnType<typeof deliveredEmails>>, email: string) =>
      mailTo(all, email).filter((mail) => mail.subject.startsWith('Rendez-vous annulé')).length;
    const mailsBefore = await deliveredEmails();
    const countsBefore = new Map(
      [leaving, ...partners].map((p) => [p.email, cancellationsOf(mailsBefore, p.email)]),
    );

    const answer = await withdraw(leaving.key);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { status: string; cancelled: number; message: string };
    expect(body).toMatchObject({ status: 'withdrawn', cancelled: theirs.length });
    expect(body.message).toContain(`Votre retrait de « ${title} » est enregistré`);
    // The link is void: the space and a second withdrawal are a 404.
    expect(
      (await fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(tokens.get(leaving.key) ?? '')}`))
        .status,
    ).toBe(404);
    expect((await withdraw(leaving.key)).status).toBe(404);
    const after = await tableItems('MEET#');
    for (const meeting of theirs)
      expect(after.find((m) => m.id === meeting.id)?.status, String(meeting.id)).toBe('cancelled');
    const places = await tableItems('PLACE#');
    expect(places.filter((place) => theirs.some((m) => m.id === place.holder))).toEqual([]);
    expectGridInvariants(after, places);

    await waitForEmails((all) =>
      partners.every(
        (p) =>
          cancellationsOf(all, p.email) >=
          (countsBefore.get(p.email) ?? 0) + theirs.filter(involves(p.key)).length,
      ),
    );
    const settled = await settledEmails();
    for (const p of partners)
      expect(cancellationsOf(settled, p.email), p.key).toBe(
        (countsBefore.get(p.email) ?? 0) + theirs.filter(involves(p.key)).length,
      );
    expect(cancellationsOf(settled, leaving.email)).toBe(countsBefore.get(leaving.email));
  });
});
