import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exportPersonalData,
  type PersonalDataTables,
} from '../../functions/personalData/personalDataFinder.ts';
import { storedDataReaders } from '../../functions/personalData/storedDataFinders.ts';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { stackNow } from './abuseSupport.ts';
import {
  askAndReadLink,
  askForEntry,
  confirmLink,
  documentIdOf,
  documentsLeft,
  draftOf,
  entryRequest,
  linkRequest,
  publish,
  tableItemOf,
} from './directorySupport.ts';
import { type Problem, until } from './submissionSupport.ts';
import { tokenOfLink } from './subscriptionSupport.ts';
import {
  apiUrl,
  documentClient,
  editorClient,
  mailTo,
  pagesUrl,
  postJson,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/**
 * The member directory through the local stack: a member asks for an entry, confirms the
 * address by the mailed link, the entry reaches the editors as a draft, « Publier » puts it in
 * `GET /directory`; the member edits and deletes it by the link; a visitor writes to a member;
 * the RGPD erasure takes the entry away, documents included.
 */

const organization = `Atelier Numérique d’Armor ${randomUUID().slice(0, 8)}`;
const search = (query: string) => fetch(`${apiUrl()}/directory?${query}`);

afterAll(async () => {
  const ids = await editorClient().fetch<string[]>(
    '*[string::startsWith(_id, "directoryEntry-") || string::startsWith(_id, "drafts.directoryEntry-")]._id',
    {},
    { perspective: 'raw' },
  );
  const cleanup = editorClient().transaction();
  for (const id of ids) cleanup.delete(id);
  await cleanup.commit();
});

describe('POST /directory/entries', () => {
  it('refuses a public field without its consent and other mistakes in French, recording nothing', async () => {
    const email = uniqueEmail('annuaire-refus');
    const refused = await askForEntry(
      entryRequest(email, organization, {
        publicFields: ['organization', 'region', 'sectors', 'families'],
        region: '00',
      }),
    );
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        {
          pointer: '#/region',
          detail: 'Code de région inconnu : utilisez un code officiel (par exemple 53 pour la Bretagne).',
        },
        {
          pointer: '#/name',
          detail: 'Ce champ paraît sur toute fiche de l’annuaire : cochez « Rendre public » pour l’accepter.',
        },
        {
          pointer: '#/publicEmail',
          detail:
            'Ce champ paraîtra dans l’annuaire : cochez « Rendre public » pour l’accepter, ou laissez-le vide.',
        },
      ]),
    );
    expect((await askForEntry('{"email": ')).status).toBe(400);
    expect(await tableItemOf(email)).toBeUndefined();
  });
});

describe('an entry, from the request to its deletion', () => {
  const email = uniqueEmail('annuaire-membre');
  let token = '';

  it('is pending until its address is confirmed by the mailed link, then goes to the editors as a draft', async () => {
    token = await askAndReadLink(entryRequest(email, organization));
    // The link opens the member's hosted page, which posts the confirmation (opening it confirms nothing).
    const page = await fetch(`${pagesUrl()}/annuaire-fiche.html?jeton=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<essaim-directory-join>');
    const pending = await tableItemOf(email);
    expect(pending).toMatchObject({
      status: 'pending',
      version: 1,
      consent: { publicFields: expect.arrayContaining(['publicEmail']) },
    });
    expect(
      (await linkRequest(token).then((answer) => answer.json())) as Record<string, unknown>,
    ).toMatchObject({
      status: 'pending',
      published: false,
      email,
    });
    // Nothing reaches the editors before the confirmation.
    expect(await documentsLeft(email)).toBe(0);

    const confirmed = await confirmLink(token);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'confirmed' });
    expect((await confirmLink(token)).status).toBe(200);
    const draft = await draftOf(email);
    expect(draft).toMatchObject({
      _type: 'directoryEntry',
      organization,
      regionCode: '53',
      showsEmail: true,
      moderation: { state: 'toModerate', entryVersion: 1 },
    });
    expect(JSON.stringify(draft)).not.toContain('@');
    // One confirmation mail, however often the link is clicked.
    expect(mailTo(await settledEmails(), email)).toHaveLength(1);
    // Not listed before the editors publish it.
    expect(
      (await (await search(`q=${encodeURIComponent(organization)}`)).json()) as { total: number },
    ).toMatchObject({
      total: 0,
    });
  });

  it('is listed once published, without an address, and shows its public e-mail alone', async () => {
    await publish(email);
    const listed = await until(async () => {
      const page = (await (
        await search('q=atelier%20NUMERIQUE%20armor&region=53&sector=numerique')
      ).json()) as {
        items: Record<string, unknown>[];
      };
      return page.items.find((item) => item.organization === organization);
    }, 'the published entry in GET /directory');
    expect(listed).toMatchObject({
      id: documentIdOf(email),
      hasPublicEmail: true,
      region: { code: '53', name: 'Bretagne' },
    });
    expect(JSON.stringify(listed)).not.toContain('@');
    for (const filter of ['family=cooperative', 'offer=expertise', 'need=financement']) {
      const page = (await (await search(`${filter}&q=${encodeURIComponent(organization)}`)).json()) as {
        total: number;
      };
      expect(page.total, filter).toBe(1);
    }
    expect(
      (
        (await (await search(`need=mentorat&q=${encodeURIComponent(organization)}`)).json()) as {
          total: number;
        }
      ).total,
    ).toBe(0);
    const one = await fetch(`${apiUrl()}/directory/${documentIdOf(email)}`);
    expect(await one.json()).toMatchObject({
      publicEmail: 'contact@atelier-armor.example',
      canBeContacted: true,
    });
    expect(
      (await linkRequest(token).then((answer) => answer.json())) as Record<string, unknown>,
    ).toMatchObject({
      published: true,
    });
  });

  it('caps the page size and refuses bad filters in French', async () => {
    const tooMany = await search('limit=25');
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as Problem).errors).toEqual([
      { pointer: '#/query/limit', detail: 'Le nombre de fiches par page va de 1 à 24.' },
    ]);
    expect((await search('sector=inconnu')).status).toBe(400);
    expect((await search('cursor=nimporte')).status).toBe(400);
    expect((await fetch(`${apiUrl()}/directory/directoryEntry-inconnue`)).status).toBe(404);
  });

  it('mails a visitor’s message to the member, the member’s address hidden from the visitor', async () => {
    const visitor = uniqueEmail('annuaire-visiteur');
    const sent = await postJson(`/directory/contact/${documentIdOf(email)}`, {
      name: 'Dominique Visiteur',
      email: visitor,
      message: 'Bonjour, nous cherchons un partenaire pour le réemploi informatique.',
      consent: true,
    });
    expect(sent.status).toBe(202);
    const body = await sent.text();
    expect(body).not.toContain(email);
    const [mail] = mailTo(
      await waitForEmails((all) =>
        mailTo(all, email).some((one) => one.subject.includes('Dominique Visiteur')),
      ),
      email,
    ).filter((one) => one.subject.includes('Dominique Visiteur'));
    expect(mail?.replyTo).toEqual([visitor]);
    expect(mail?.body.text).toContain('réemploi informatique');
    expect(mailTo(await settledEmails(), visitor)).toEqual([]);
    const tooShort = await postJson(`/directory/contact/${documentIdOf(email)}`, {
      name: 'Dominique',
      email: visitor,
      message: 'Bonjour',
      consent: true,
    });
    expect(((await tooShort.json()) as Problem).errors).toEqual([
      { pointer: '#/message', detail: 'Écrivez un message d’au moins 20 caractères.' },
    ]);
  });

  it('takes the member’s edit as a new draft while the published version stays online', async () => {
    const edited = await linkRequest(token, 'PUT', {
      ...entryRequest(email, organization, { role: 'Présidente', publicEmail: '' }),
      email: undefined,
      publicFields: [
        'name',
        'organization',
        'role',
        'region',
        'sectors',
        'families',
        'offers',
        'needs',
        'links',
      ],
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toEqual({ status: 'confirmed', version: 2 });
    expect(await draftOf(email, 2)).toMatchObject({ role: 'Présidente', showsEmail: false });
    const published = await editorClient().getDocument(documentIdOf(email));
    expect(published).toMatchObject({ role: 'Cogérante' });
    // The address withdrawn is not shown any more, even before the edit is published.
    const one = await fetch(`${apiUrl()}/directory/${documentIdOf(email)}`);
    expect(await one.json()).toMatchObject({ publicEmail: null });
    const tampered = await linkRequest(`${token.slice(0, -2)}xx`);
    expect(tampered.status).toBe(404);
  });

  it('is deleted at once and completely by the link, which is void afterwards', async () => {
    const deleted = await linkRequest(token, 'DELETE');
    expect(deleted.status).toBe(200);
    expect(await tableItemOf(email)).toBeUndefined();
    await until(async () => (await documentsLeft(email)) === 0, 'the documents deleted');
    expect((await linkRequest(token)).status).toBe(404);
    expect((await fetch(`${apiUrl()}/directory/${documentIdOf(email)}`)).status).toBe(404);
  });
});

describe('personal data', () => {
  const tables: PersonalDataTables = {
    dynamoDb: documentClient(),
    tableName: localTableName,
    addressHashKey: secretDeclarations.ADDRESS_HASH_KEY.local as string,
  };

  it('exports the entry, and the self-service erasure deletes it with its documents', async () => {
    const email = uniqueEmail('annuaire-rgpd');
    const token = await askAndReadLink(entryRequest(email, `${organization} RGPD`));
    expect((await confirmLink(token)).status).toBe(200);
    await publish(email);

    const exported = await exportPersonalData(tables, storedDataReaders, email, new Date(stackNow));
    expect(exported.data.directoryEntries?.found).toEqual([
      expect.objectContaining({
        email,
        status: 'confirmed',
        profile: expect.objectContaining({ name: 'Camille Martin' }),
      }),
    ]);

    expect((await postJson('/personal-data/requests', { email, request: 'erase' })).status).toBe(202);
    const confirmation = mailTo(await waitForEmails((all) => mailTo(all, email).length === 2), email).at(-1);
    const erase = await fetch(
      `${apiUrl()}/personal-data/requests/${encodeURIComponent(tokenOfLink(confirmation, 'confirmer-donnees-personnelles'))}/confirmation`,
      { method: 'POST' },
    );
    expect(erase.status).toBe(200);
    await waitForEmails((all) =>
      mailTo(all, email).some((sent) => sent.subject === 'Vos données personnelles sont effacées'),
    );
    expect(await tableItemOf(email)).toBeUndefined();
    await until(async () => (await documentsLeft(email)) === 0, 'the erased entry’s documents deleted');
    const after = await exportPersonalData(tables, storedDataReaders, email, new Date(stackNow));
    expect(after.data.directoryEntries?.found).toEqual([]);
  });
});
