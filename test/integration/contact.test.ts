import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { messageKey } from '../../functions/contact/contactMessageStore.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { apiUrl, documentClient, postJson, settledEmails, uniqueEmail, waitForEmails } from './support.ts';

const contactTable = localTableName('contactMessages');

const validMessage = (email: string) => ({
  name: 'Camille Dupont',
  email,
  topic: 'mois-ess',
  message:
    'Bonjour,\nnous organisons une visite de notre SCIC le 14 novembre. <script>alert(1)</script>\nMerci !',
  consent: true,
  website: '',
});

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}

async function storedMessage(id: string) {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: contactTable, Key: { pk: messageKey(id) }, ConsistentRead: true }),
  );
  return Item;
}

describe('GET /contact/topics', () => {
  it('lists the topics with French labels', async () => {
    const response = await fetch(`${apiUrl()}/contact/topics`);
    expect(response.status).toBe(200);
    const topics = (await response.json()) as { id: string; label: string }[];
    expect(topics.length).toBeGreaterThan(2);
    expect(topics).toContainEqual({
      id: 'mois-ess',
      label: 'Mois de l’ESS : proposer ou modifier une manifestation',
    });
    for (const topic of topics) expect(Object.keys(topic).sort()).toEqual(['id', 'label']);
  });
});

describe('POST /contact', () => {
  it('stores the message and sends the team notification and the French acknowledgement, each once', async () => {
    const email = uniqueEmail('camille');
    const response = await postJson('/contact', validMessage(email));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const emails = await waitForEmails(
      (all) =>
        all.filter((mail) => mail.body.text?.includes(id) || mail.destination.to.includes(email)).length >= 2,
    );
    const notification = emails.find((mail) => mail.replyTo.includes(email));
    const acknowledgement = emails.find((mail) => mail.destination.to.includes(email));
    // Recipients of the topic, as the site settings (demo dataset) give them.
    expect(notification?.destination.to).toEqual(['programme@groupement-ess.example']);
    expect(notification?.subject).toBe(
      '[Contact] Mois de l’ESS : proposer ou modifier une manifestation — Camille Dupont',
    );
    expect(notification?.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(notification?.body.html).not.toContain('<script>');
    expect(notification?.body.text).toContain('> nous organisons une visite de notre SCIC le 14 novembre.');
    expect(acknowledgement?.subject).toBe('Nous avons bien reçu votre message — Groupement ESS');
    // It repeats nothing the sender typed (test/integration/abuse.test.ts: the relay is closed).
    expect(acknowledgement?.body.text).toContain('au sujet de « Mois de l’ESS');
    expect(acknowledgement?.body.text).not.toContain('Camille Dupont');
    expect(acknowledgement?.body.html).toContain('lang="fr"');

    const stored = await storedMessage(id);
    expect(stored).toMatchObject({ email, topic: 'mois-ess', consent: { textVersion: 'contact-2026-11' } });
    // 365 days after it was received (by the stack's clock).
    expect((stored?.expiresAt - Date.parse(stored?.receivedAt) / 1000) / 86_400).toBe(365);

    // The worker records what it sent, then nothing else goes out for this message.
    const settled = await settledEmails();
    expect(
      settled.filter((mail) => mail.replyTo.includes(email) || mail.destination.to.includes(email)),
    ).toHaveLength(2);
    const annotated = await storedMessage(id);
    expect(annotated?.notificationSesMessageId).toBe(notification?.messageId);
    expect(annotated?.acknowledgementSesMessageId).toBe(acknowledgement?.messageId);
  });

  it('answers the same id and sends nothing new when the same message comes again', async () => {
    const email = uniqueEmail('repeat');
    const first = (await (await postJson('/contact', validMessage(email))).json()) as { id: string };
    await waitForEmails((all) => all.filter((mail) => mail.destination.to.includes(email)).length === 1);
    // Same person (address case differs), same topic, same text.
    const again = await postJson('/contact', { ...validMessage(email.toUpperCase()), name: 'C. Dupont' });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    const settled = await settledEmails();
    const mine = settled.filter(
      (mail) =>
        mail.replyTo.includes(email) ||
        mail.destination.to.includes(email) ||
        mail.destination.to.includes(email.toUpperCase()),
    );
    expect(mine).toHaveLength(2);
  });

  it('treats concurrent identical submissions as one', async () => {
    const email = uniqueEmail('concurrent');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        postJson('/contact', validMessage(email)).then((r) => r.json() as Promise<{ id: string }>),
      ),
    );
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    const settled = await settledEmails();
    expect(settled.filter((mail) => mail.destination.to.includes(email))).toHaveLength(1);
  });

  it('accepts a filled honeypot without storing or sending anything', async () => {
    const email = uniqueEmail('robot');
    const response = await postJson('/contact', { ...validMessage(email), website: 'https://spam.example' });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(await storedMessage(id)).toBeUndefined();
    const { Items = [] } = await documentClient().send(
      new ScanCommand({
        TableName: contactTable,
        FilterExpression: 'email = :email',
        ExpressionAttributeValues: { ':email': email },
      }),
    );
    expect(Items).toHaveLength(0);
    const settled = await settledEmails();
    expect(
      settled.filter((mail) => mail.destination.to.includes(email) || mail.replyTo.includes(email)),
    ).toHaveLength(0);
  });

  it.each([
    [
      'a line break in the name (header injection)',
      { name: 'Camille\r\nBcc: victime@exemple.fr' },
      '#/name',
      'retour à la ligne',
    ],
    ['a bad e-mail address', { email: 'camille@' }, '#/email', 'adresse e-mail'],
    ['a line break in the e-mail', { email: 'camille@exemple.fr\nBcc: x@y.fr' }, '#/email', 'adresse e-mail'],
    ['an unknown topic', { topic: 'pizza' }, '#/topic', 'sujet'],
    ['missing consent', { consent: false }, '#/consent', 'accord'],
    ['an oversized message', { message: 'é'.repeat(5001) }, '#/message', '5000'],
    ['an unexpected field', { phone: '0600000000' }, '#/phone', 'attendu'],
  ])('refuses %s with a French problem naming the field', async (_label, change, pointer, words) => {
    const email = uniqueEmail('invalid');
    const response = await postJson('/contact', { ...validMessage(email), ...change });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.title).toBe('La requête contient des données invalides');
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors?.[0]?.pointer).toBe(pointer);
    expect(problem.errors?.[0]?.detail.toLowerCase()).toContain(words);
    const settled = await settledEmails();
    expect(settled.filter((mail) => mail.destination.to.includes(email))).toHaveLength(0);
  });

  it('names every missing field at once, in English when asked', async () => {
    const response = await postJson('/contact', {}, { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-language')).toBe('en');
    const problem = (await response.json()) as Problem;
    expect(problem.title).toBe('The request contains invalid data');
    expect(problem.errors?.map((error) => error.pointer).sort()).toEqual([
      '#/consent',
      '#/email',
      '#/message',
      '#/name',
      '#/topic',
    ]);
    expect(problem.errors?.find((error) => error.pointer === '#/name')?.detail).toBe(
      'This field is required.',
    );
  });

  it('refuses malformed JSON, a non-JSON body and an oversized body with 4xx problems', async () => {
    const malformed = await postJson('/contact', '{"name": "Camille",');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Problem).detail).toBe(
      'Le corps de la requête n’est pas un JSON valide.',
    );

    // Plain forms are taken (test/integration/formPosts.test.ts); other bodies are not.
    const text = await fetch(`${apiUrl()}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'name=Camille',
    });
    expect(text.status).toBe(415);

    const huge = await postJson('/contact', {
      ...validMessage(uniqueEmail('huge')),
      message: 'x'.repeat(40_000),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as Problem).title).toBe('Requête trop volumineuse');
  });
});

describe('HTTP conventions', () => {
  it('answers unknown routes with a 404 problem and wrong methods with 405 and Allow', async () => {
    const unknown = await fetch(`${apiUrl()}/nulle-part`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(((await unknown.json()) as Problem).title).toBe('Ressource introuvable');

    const wrongMethod = await fetch(`${apiUrl()}/contact`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(((await wrongMethod.json()) as Problem).detail).toContain('DELETE');
  });

  it('sends security headers, a correlation id and CORS headers for allowed origins only', async () => {
    const allowed = await fetch(`${apiUrl()}/contact/topics`, {
      headers: { origin: 'http://localhost:3333' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3333');
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('strict-transport-security')).toContain('max-age=');
    expect(allowed.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);

    const foreign = await fetch(`${apiUrl()}/contact/topics`, {
      headers: { origin: 'https://malveillant.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).not.toBe('https://malveillant.example');
  });

  it('serves an OpenAPI 3.1 document describing every route', async () => {
    const response = await fetch(`${apiUrl()}/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    // The server is where the document was fetched from: "Try it" calls this very API.
    expect(document.servers.map((server) => server.url)).toEqual([apiUrl()]);
    expect(Object.keys(document.paths['/contact'] ?? {})).toEqual(['post']);
    const post = document.paths['/contact']?.post as
      | { requestBody: { content: Record<string, { schema: unknown }> } }
      | undefined;
    const body = post?.requestBody.content['application/json']?.schema;
    expect(JSON.stringify(body)).toContain('ContactMessageRequest');
  });

  it('reports health', async () => {
    const response = await fetch(`${apiUrl()}/health`);
    expect(await response.json()).toEqual({ status: 'ok', dynamodb: true, ses: true, streams: true });
  });
});
