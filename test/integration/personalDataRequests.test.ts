import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { newRequest } from '../../functions/personalData/personalDataRequest.ts';
import { signRequestToken } from '../../functions/personalData/requestLinks.ts';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { keyRingFromJson } from '../../functions/shared/tokens/signedTokens.ts';
import { personalDataFinders } from '../../infra/gdpr/finders.ts';
import { exportPersonalData, type GdprTarget } from '../../infra/gdpr/personalData.ts';
import { localCredentials, localRegion, localTableName } from '../../infra/local/localEnvironment.ts';
import { registersAtOnce, stackNow } from './abuseSupport.ts';
import { confirmedSubscriber, localAddressKey, tokenOfLink } from './subscriptionSupport.ts';
import {
  apiUrl,
  type DeliveredEmail,
  type DemoEvent,
  demoDocuments,
  documentClient,
  mailTo,
  pagesUrl,
  postJson,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

const requestsTable = localTableName('personalDataRequests');
const confirmationPage = 'confirmer-donnees-personnelles';

const ask = (email: string, request: 'export' | 'erase') =>
  postJson('/personal-data/requests', { email, request });

const confirm = (token: string) =>
  fetch(`${apiUrl()}/personal-data/requests/${encodeURIComponent(token)}/confirmation`, { method: 'POST' });

/** Asks, then waits for the confirmation mail and answers its link's token. */
async function askAndReadLink(email: string, request: 'export' | 'erase', mailsBefore = 0) {
  expect((await ask(email, request)).status).toBe(202);
  const mails = mailTo(await waitForEmails((all) => mailTo(all, email).length > mailsBefore), email);
  const mail = mails.at(-1);
  return { mail, token: tokenOfLink(mail, confirmationPage) };
}

/** An upcoming event that takes everyone at once (no capacity): registering there is the person's own act. */
const event = demoDocuments<DemoEvent>('event')
  .filter(
    (e) =>
      e.status === 'scheduled' &&
      e.registration.capacity === undefined &&
      registersAtOnce(e) &&
      new Date(e.startsAt) > new Date(stackNow),
  )
  .at(-3) as DemoEvent;

const register = (email: string, name: string) =>
  postJson(`/events/${event.slug.current}/registrations`, { name, email, consent: true });

/** What `npm run gdpr -- export --local` would find, on the test stack. */
function operatorTarget(): GdprTarget {
  const clientOptions = { region: localRegion, credentials: localCredentials };
  return {
    dynamoDb: DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...clientOptions, endpoint: inject('dynamoDbEndpoint') }),
    ),
    tableName: localTableName,
    addressHashKey: secretDeclarations.ADDRESS_HASH_KEY.local,
    ses: new SESv2Client({ ...clientOptions, endpoint: inject('sesUrl') }),
    local: true,
    deadLetters: { kind: 'files', paths: [] },
  };
}

const attachmentOf = (mail: DeliveredEmail | undefined) => {
  const [attachment] =
    (mail as unknown as { attachments?: { content: string; filename?: string }[] }).attachments ?? [];
  return {
    filename: attachment?.filename,
    json: JSON.parse(Buffer.from(attachment?.content ?? '', 'base64').toString('utf8')) as {
      adresse: string;
      donnees: Record<string, { description: string; elements: Record<string, unknown>[] }>;
    },
  };
};

const requestItem = async (token: string) => {
  const id = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))[1] as string;
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: requestsTable, Key: { pk: `REQUEST#${id}` }, ConsistentRead: true }),
  );
  return Item;
};

describe('self-service personal-data requests', () => {
  it('answers known and unknown addresses alike, as JSON or a plain form, and mails each a confirmation link', async () => {
    const { email: known } = await confirmedSubscriber('rgpd-connue');
    const unknown = uniqueEmail('rgpd-inconnue');
    const answers = [await ask(known, 'export'), await ask(unknown, 'export')];
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    const [first, second] = await Promise.all(answers.map((answer) => answer.text()));
    expect(first).toBe(second);
    expect(first).toContain('Si cette adresse peut recevoir nos e-mails');

    const mails = await waitForEmails(
      (all) => mailTo(all, known).length === 2 && mailTo(all, unknown).length === 1,
    );
    for (const mail of [mailTo(mails, known)[1], mailTo(mails, unknown)[0]]) {
      expect(mail?.subject).toBe('Confirmez l’envoi de vos données');
      expect(mail?.body.text).toContain(`${pagesUrl()}/${confirmationPage}.html?jeton=`);
      // The link names a request by its id, never the address.
      expect(tokenOfLink(mail, confirmationPage)).not.toContain(known.split('@')[0]);
    }

    // A plain form: the hosted “check your inbox” page; a wrong choice: the form again, in French.
    const form = await fetch(`${apiUrl()}/personal-data/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: uniqueEmail('rgpd-formulaire'), request: 'erase' }).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`${pagesUrl()}/merci-donnees-personnelles.html`);
    const refused = await postJson('/personal-data/requests', { email: 'pas-une-adresse', request: 'tout' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await refused.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '#/email', detail: 'L’adresse e-mail n’est pas valide.' },
        { pointer: '#/request', detail: 'Choisissez « Recevoir mes données » ou « Effacer mes données ».' },
      ]),
    );
  });

  it('exports on the confirmation click only, mails the data once, and keeps no address once done', async () => {
    const { email } = await confirmedSubscriber('rgpd-export');
    expect((await register(email, 'Maëlle Export')).status).toBe(201);
    await waitForEmails((all) => mailTo(all, email).length === 2);
    const { token } = await askAndReadLink(email, 'export', 2);

    // Opening the page the link leads to changes nothing.
    const page = await fetch(`${pagesUrl()}/${confirmationPage}.html?jeton=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(await requestItem(token)).toMatchObject({ status: 'requested', kind: 'export', email });
    expect(mailTo(await settledEmails(), email)).toHaveLength(3);

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ request: 'export', status: 'confirmed' });
    const mails = mailTo(await waitForEmails((all) => mailTo(all, email).length === 4), email);
    const exported = mails[3];
    expect(exported?.subject).toMatch(/^Vos données personnelles chez /);
    expect(exported?.body.text).toContain('Abonnement aux lettres');
    const { filename, json } = attachmentOf(exported);
    expect(filename).toBe('mes-donnees.json');
    expect(json.adresse).toBe(email);
    expect(json.donnees.subscribers?.elements).toContainEqual(
      expect.objectContaining({ sk: 'PROFILE', email, status: 'confirmed', regions: ['53'] }),
    );
    expect(json.donnees.registrations?.elements).toContainEqual(
      expect.objectContaining({ email, name: 'Maëlle Export', status: 'confirmed' }),
    );
    expect(json.donnees.registrations?.description).toContain('inscriptions aux manifestations');

    // Twice: the same answer, nothing more mailed; the request keeps no address.
    const again = await confirm(token);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ request: 'export', status: 'done' });
    expect(mailTo(await settledEmails(), email)).toHaveLength(4);
    const done = await requestItem(token);
    expect(done).toMatchObject({ status: 'done', kind: 'export' });
    expect(done?.email).toBeUndefined();
    expect(done?.addressKey).toBeUndefined();
  });

  it('erases on the confirmation click, says so by a last mail, and leaves only the suppression', async () => {
    const { email } = await confirmedSubscriber('rgpd-effacement');
    expect((await register(email, 'Noé Effacé')).status).toBe(201);
    expect(
      (
        await postJson('/contact', {
          name: 'Noé Effacé',
          email,
          topic: 'mois-ess',
          message: `Une question ${randomUUID()}`,
          consent: true,
          website: '',
        })
      ).status,
    ).toBe(202);
    await waitForEmails((all) => mailTo(all, email).length === 3);
    const { mail, token } = await askAndReadLink(email, 'erase', 3);
    expect(mail?.subject).toBe('Confirmez l’effacement de vos données');

    const confirmed = await confirm(token);
    expect(await confirmed.json()).toEqual({ request: 'erase', status: 'confirmed' });
    const mails = mailTo(
      await waitForEmails((all) =>
        mailTo(all, email).some((sent) => sent.subject === 'Vos données personnelles sont effacées'),
      ),
      email,
    );
    expect(mails.at(-1)?.body.text).toContain('empreinte chiffrée');

    // What the operator's command finds now: the suppression's keyed hash, nothing else.
    const after = await exportPersonalData(operatorTarget(), personalDataFinders, email, new Date(stackNow));
    const found = (name: string) => after.data[name]?.found as Record<string, unknown>[];
    for (const name of [
      'subscribers',
      'registrations',
      'contactMessages',
      'rateLimits',
      'personalDataRequests',
    ])
      expect(found(name), name).toEqual([]);
    expect(found('mailFeedback')).toEqual([
      expect.objectContaining({
        pk: `ADDRESS#${localAddressKey(email)}`,
        sk: 'SUPPRESSED',
        reason: 'erasureRequest',
      }),
    ]);
    expect(JSON.stringify(after.data)).not.toContain(email);

    // The cancelled registration sent no notice; a second click, and a new request, send nothing.
    const again = await confirm(token);
    expect(await again.json()).toEqual({ request: 'erase', status: 'done' });
    expect((await ask(email, 'export')).status).toBe(202);
    const settled = mailTo(await settledEmails(), email);
    expect(settled).toHaveLength(mails.length);
    expect(settled.map((sent) => sent.subject)).not.toContain(`Inscription annulée : ${event.title}`);
  });

  it('refuses tampered, foreign and lapsed links with a French problem that reveals nothing', async () => {
    const email = uniqueEmail('rgpd-jeton');
    const { token } = await askAndReadLink(email, 'erase');
    const [keyId, payload, mac] = token.split('.') as [string, string, string];
    const flipped = `${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`;
    const { token: subscriptionToken } = await confirmedSubscriber('rgpd-autre-jeton').then(
      ({ confirmation }) => ({
        token: tokenOfLink(confirmation, 'confirmer-abonnement'),
      }),
    );
    for (const bad of [`${keyId}.${payload}.${flipped}`, subscriptionToken, 'n-importe-quoi']) {
      const answer = await confirm(bad);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(((await answer.json()) as { detail: string }).detail).toBe(
        'Ce lien de confirmation n’est pas valide, ou la demande n’existe plus.',
      );
    }
    expect(await requestItem(token)).toMatchObject({ status: 'requested' });

    // A link past its 24 hours: refused, and the request (with its address) forgotten at once.
    const ring = keyRingFromJson(secretDeclarations.TOKEN_KEYS.local, 'local-1');
    const lapsed = newRequest({
      id: randomUUID(),
      kind: 'erase',
      email: uniqueEmail('rgpd-perime'),
      addressKey: 'x',
      now: new Date(new Date(stackNow).getTime() - 25 * 3_600_000),
    });
    await documentClient().send(new PutCommand({ TableName: requestsTable, Item: lapsed }));
    const lapsedToken = signRequestToken(lapsed.id, 'erase', new Date(lapsed.confirmUntil), ring);
    const answer = await confirm(lapsedToken);
    expect(answer.status).toBe(410);
    expect(((await answer.json()) as { title: string }).title).toBe('Lien expiré');
    expect(await requestItem(lapsedToken)).toBeUndefined();
  });

  it('counts its confirmation mails against the mailbox’s allowance of form mails', async () => {
    const email = uniqueEmail('rgpd-bombe');
    const answers = await Promise.all(
      Array.from({ length: 7 }, (_, index) => ask(email, index % 2 ? 'erase' : 'export')),
    );
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([202]));
    await waitForEmails((all) => mailTo(all, email).length >= 5);
    expect(mailTo(await settledEmails(), email)).toHaveLength(5);
  });
});
