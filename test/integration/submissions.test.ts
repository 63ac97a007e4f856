import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionKey } from '../../functions/submissions/submissionStore.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import {
  campaign,
  chamber,
  draftOf,
  type EventDocument,
  existingOrganization,
  linkTokenIn,
  type Problem,
  put,
  siret,
  submission,
  submit,
  until,
} from './submissionSupport.ts';
import {
  anonymousContentClient,
  apiUrl,
  documentClient,
  editorClient,
  mailTo,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/**
 * Organisers submit events to a campaign through the local stack: the submission is recorded,
 * written as a draft « À modérer » by a stream worker, mailed to the organiser and the chamber
 * of its region; the organiser edits it through the signed link. The stack's clock is
 * 2027-10-20T08:00Z: this file's campaign takes submissions then (the demo's closed on 15 October).
 */

beforeAll(async () => {
  await editorClient().transaction().createOrReplace(campaign).createOrReplace(existingOrganization).commit();
  // The campaign reaches the functions through the content webhook: wait until they see it.
  await until(async () => (await submit({})).status === 400, 'the functions see the test campaign');
});

afterAll(async () => {
  // What the test and the workers wrote (the published event first of all: the programme's tests count events).
  const ids = await editorClient().fetch<string[]>(
    // groq-js's path() globs whole segments only: prefixes are matched as strings.
    '*[string::startsWith(_id, "submission-") || string::startsWith(_id, "drafts.submission-") || string::startsWith(_id, "essaim-private.submission.")]._id',
    {},
    { perspective: 'raw' },
  );
  const cleanup = editorClient().transaction();
  for (const id of ids) cleanup.delete(id);
  await cleanup.commit();
  expect(
    await editorClient().fetch(
      'count(*[string::startsWith(_id, "submission-")])',
      {},
      { perspective: 'raw' },
    ),
  ).toBe(0);
  await editorClient().transaction().delete(campaign._id).delete(existingOrganization._id).commit();
});

describe('GET /communes', () => {
  it('lists the current communes of a postcode, and refuses a malformed one in French', async () => {
    const response = await fetch(`${apiUrl()}/communes?codePostal=35000`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('max-age=86400');
    expect(await response.json()).toContainEqual({
      code: '35238',
      name: 'Rennes',
      departmentCode: '35',
      regionCode: '53',
    });
    const refused = await fetch(`${apiUrl()}/communes?codePostal=35`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Problem).errors).toEqual([
      { pointer: '#/query/codePostal', detail: 'Un code postal a cinq chiffres.' },
    ]);
  });
});

describe('POST /campaigns/{campaign}/submissions', () => {
  it('refuses each criterion with its French message, records nothing and mails nobody', async () => {
    const email = uniqueEmail('critere');
    const response = await submit({
      ...submission(email, 'Hors critères'),
      legalStatus: 'autre',
      essLink: 'ESS',
      siret: '73282932000075',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([
      {
        pointer: '#/legalStatus',
        detail:
          'La campagne est ouverte aux structures de l’ESS, aux collectivités et aux établissements d’enseignement.',
      },
      {
        pointer: '#/essLink',
        detail: 'Dites en une ou deux phrases le lien de votre manifestation avec l’ESS.',
      },
      {
        pointer: '#/siret',
        detail: 'Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.',
      },
    ]);

    const outside = await submit({
      ...submission(email, 'Hors campagne'),
      communeCode: '75056',
      occurrences: [{ startsAt: '2027-12-01T10:00', endsAt: '2027-12-01T12:00' }],
    });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as Problem).errors).toEqual([
      { pointer: '#/communeCode', detail: 'Choisissez la commune parmi celles du code postal indiqué.' },
      expect.objectContaining({ pointer: '#/occurrences/0' }),
    ]);
    const late = await submit({
      ...submission(email, 'Hors campagne'),
      occurrences: [{ startsAt: '2027-12-01T10:00', endsAt: '2027-12-01T12:00' }],
    });
    expect(((await late.json()) as Problem).errors).toEqual([
      {
        pointer: '#/occurrences/0',
        detail:
          'Cette date est en dehors de la campagne « Mois de l’ESS (essai des propositions) », qui a lieu du 1 novembre 2027 au 30 novembre 2027.',
      },
    ]);

    const closed = await submit(submission(email, 'Trop tard'), 'mois-ess-2027');
    expect(closed.status).toBe(403);
    expect(((await closed.json()) as Problem).detail).toBe(
      'Les propositions pour « Mois de l’ESS 2027 » sont closes depuis le samedi 16 octobre 2027 à 00:00.',
    );
    const unknown = await submit(submission(email, 'Nulle part'), 'campagne-inconnue');
    expect(unknown.status).toBe(404);
    expect(mailTo(await settledEmails(), email)).toEqual([]);
  });

  it('records a valid submission once, writes its dates as drafts « À modérer » with the region derived, and mails the organiser and the chamber once', async () => {
    const email = uniqueEmail('organisatrice');
    const title = `Portes ouvertes de la Ruche ${Date.now()}`;
    const response = await submit(submission(email, title));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    // The same post again: the same submission, nothing new.
    const again = await submit(submission(email, title));
    expect(await again.json()).toEqual({ id });

    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: localTableName('eventSubmissions'),
        Key: { pk: submissionKey(id) },
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({ version: 1, contact: { email }, event: { regionCode: '53' } });
    // A year after the campaign's last day.
    expect(Item?.expiresAt).toBe(Date.parse('2028-11-29T23:00:00Z') / 1000);
    expect(Item?.addressKey).toEqual(expect.any(String));

    const first = await draftOf(`submission-${id}`, 1);
    expect(first).toMatchObject({
      _type: 'event',
      title,
      startsAt: '2027-11-05T13:00:00.000Z',
      endsAt: '2027-11-05T16:00:00.000Z',
      openToAll: true,
      attendanceMode: 'onsite',
      campaign: { _ref: campaign._id },
      region: { _ref: 'region-53' },
      venue: { name: 'La Ruche', postalCode: '35000', city: 'Rennes', communeCode: '35238' },
      registration: { enabled: true, capacity: 30 },
      accessibility: { motor: true, hearing: true, visual: false, mental: false, psychic: false },
      moderation: {
        state: 'toModerate',
        submission: id,
        occurrence: 1,
        organization: { name: 'La Ruche solidaire', legalStatus: 'association', siret },
        possibleOrganizations: [{ _ref: existingOrganization._id, _weak: true }],
      },
    });
    expect(first).not.toHaveProperty('organizer');
    expect(JSON.stringify(first)).not.toContain(email);
    const second = await draftOf(`submission-${id}-2`, 1);
    expect(second).toMatchObject({ startsAt: '2027-11-12T13:00:00.000Z', moderation: { occurrence: 2 } });
    const contact = await editorClient().getDocument(`essaim-private.submission.${id}`);
    expect(contact).toMatchObject({ email, name: 'Camille Martin' });

    // Drafts are never online: not in the published perspective, not in the API.
    const visible = await anonymousContentClient().fetch('*[moderation.submission == $id]._id', { id });
    expect(visible).toEqual([]);
    const slug = (first.slug as { current: string }).current;
    expect((await fetch(`${apiUrl()}/events/${slug}`)).status).toBe(404);

    const emails = await waitForEmails(
      (all) =>
        mailTo(all, email).length >= 1 && mailTo(all, chamber).some((mail) => mail.subject.includes(title)),
    );
    const acknowledgement = mailTo(emails, email)[0];
    expect(acknowledgement?.subject).toBe(`Proposition reçue — ${campaign.title}`);
    expect(acknowledgement?.body.text).toContain('Voir ou modifier ma proposition');
    const notice = mailTo(emails, chamber).find((mail) => mail.subject.includes(title));
    expect(notice?.subject).toBe(`[À modérer] ${title} — La Ruche solidaire`);
    expect(notice?.replyTo).toEqual([email]);
    expect(notice?.body.text).toContain(`/intent/edit/id=submission-${id};type=event`);
    expect(notice?.body.text).toContain('Camille Martin');
    const settled = await settledEmails();
    expect(mailTo(settled, email)).toHaveLength(1);
    expect(mailTo(settled, chamber).filter((mail) => mail.subject.includes(title))).toHaveLength(1);

    // The signed link: see, edit (back to « À modérer »), and nothing for a tampered one.
    const token = linkTokenIn(acknowledgement);
    const seen = await fetch(`${apiUrl()}/submissions/${encodeURIComponent(token)}`);
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({
      id,
      version: 1,
      published: false,
      editableUntil: '2027-10-31T23:00:00.000Z',
      fields: {
        title,
        email,
        communeCode: '35238',
        occurrences: [
          { startsAt: '2027-11-05T13:00:00.000Z', endsAt: '2027-11-05T16:00:00.000Z' },
          { startsAt: '2027-11-12T13:00:00.000Z', endsAt: '2027-11-12T16:00:00.000Z' },
        ],
      },
    });
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BA' : 'AA'}`;
    for (const bad of [tampered, 'n.importe.quoi']) {
      const refused = await fetch(`${apiUrl()}/submissions/${encodeURIComponent(bad)}`);
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as Problem).detail).toBe(
        'Ce lien de proposition n’est pas valide, ou la proposition n’existe plus.',
      );
      expect((await put(bad, submission(email, title))).status).toBe(404);
    }

    // A moderator publishes the first date; the organiser then edits: the published version stays online.
    const { _id, _rev, _createdAt, _updatedAt, ...content } = first;
    await editorClient()
      .transaction()
      .createOrReplace({
        ...content,
        _id: `submission-${id}`,
        _type: 'event',
        organizer: { _type: 'reference', _ref: existingOrganization._id },
        moderation: { ...first.moderation, state: 'published', publishedAt: '2027-10-20T08:00:00Z' },
      })
      .delete(`drafts.submission-${id}`)
      .commit();
    // Published, it is in the programme (which reads the published perspective only).
    await until(
      async () => (await fetch(`${apiUrl()}/events/${slug}`)).status === 200,
      'the published event in the programme',
    );
    const edited = await put(token, {
      ...submission(email, `${title} (nouvel horaire)`),
      occurrences: ['2027-11-05T15:00/2027-11-05T18:00'],
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toEqual({ id, version: 2 });
    const draft = await draftOf(`submission-${id}`, 2);
    expect(draft).toMatchObject({
      title: `${title} (nouvel horaire)`,
      startsAt: '2027-11-05T14:00:00.000Z',
      organizer: { _ref: existingOrganization._id },
      moderation: { state: 'toModerate', submissionVersion: 2 },
    });
    const online = await anonymousContentClient().getDocument<EventDocument>(`submission-${id}`);
    expect(online).toMatchObject({ title, moderation: { state: 'published' } });
    expect(((await (await fetch(`${apiUrl()}/events/${slug}`)).json()) as { title: string }).title).toBe(
      title,
    );
    // The second date, removed by the edit, is proposed as cancelled.
    expect(await draftOf(`submission-${id}-2`, 2)).toMatchObject({
      status: 'cancelled',
      moderation: { state: 'toModerate' },
    });
    expect(
      (await (await fetch(`${apiUrl()}/submissions/${encodeURIComponent(token)}`)).json()) as object,
    ).toMatchObject({
      version: 2,
      published: true,
    });
    // Edits mail nobody.
    expect(mailTo(await settledEmails(), email)).toHaveLength(1);
  });

  it('acknowledges within the mailbox’s allowance of form mails, and keeps nothing of a filled honeypot', async () => {
    const email = uniqueEmail('limite');
    const statuses: number[] = [];
    for (let index = 1; index <= 6; index++)
      statuses.push((await submit(submission(email, `Atelier n° ${index} ${Date.now()}`))).status);
    // FORM_MAILS_PER_MAILBOX: 5 an hour; the sixth submission would mail a sixth time.
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const robot = await submit({
      ...submission(uniqueEmail('robot'), 'Pot de miel'),
      website: 'https://spam.example',
    });
    expect(robot.status).toBe(202);
    const { id } = (await robot.json()) as { id: string };
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: localTableName('eventSubmissions'), Key: { pk: submissionKey(id) } }),
    );
    expect(Item).toBeUndefined();
    await waitForEmails((all) => mailTo(all, email).length >= 5);
    expect(mailTo(await settledEmails(), email)).toHaveLength(5);
  });

  it('takes a plain form post and answers with the thank-you page', async () => {
    const email = uniqueEmail('formulaire');
    const fields = submission(email, `Atelier sans JavaScript ${Date.now()}`);
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'occurrences') continue;
      if (Array.isArray(value)) for (const item of value) form.append(name, String(item));
      else if (value === true) form.append(name, 'on');
      else form.append(name, String(value));
    }
    form.append('occurrences', '2027-11-20T10:00/2027-11-20T12:00');
    const response = await fetch(`${apiUrl()}/campaigns/${campaign.slug.current}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/merci-proposition\.html\?proposition=[0-9a-f]{24}$/);
  });
});
