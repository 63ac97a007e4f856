import { randomUUID } from 'node:crypto';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerApiRequest } from '../../infra/local/apiServer.ts';
import { switchFormChallenges } from './formChallengeSupport.ts';
import { useLocalFunctionEnvironment } from './support.ts';

/**
 * The proof of work of the forms (ALTCHA), switched on for the contact form in the Studio's
 * site settings: a JSON request needs a solved challenge, once; a plain form post passes
 * without, 5 an hour per client. Requests go through the local API Gateway's route table in
 * this process, each client with an address of its own (as the fuzz test does), so that no other
 * test's requests from 127.0.0.1 count against these limits.
 */
const domainName = '127.0.0.1:3100';
async function call(
  method: string,
  path: string,
  options: { sourceIp: string; body?: string; contentType?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = (await answerApiRequest(
    {
      headers: {
        'accept-language': 'fr',
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
      },
      httpVersion: '1.1',
      socket: { remoteAddress: options.sourceIp },
    },
    {
      url: new URL(`http://${domainName}${path}`),
      method,
      body: Buffer.from(options.body ?? '', 'utf8'),
      domainName,
      requestId: randomUUID(),
    },
  )) as APIGatewayProxyStructuredResultV2;
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(answer.body ?? '{}') as Record<string, unknown>;
  } catch {
    // An HTML answer (a form post).
  }
  return { status: answer.statusCode ?? 200, body };
}

const message = (n: number) => ({
  name: 'Camille Martin',
  email: `camille.pow${n}.${randomUUID().slice(0, 6)}@exemple.fr`,
  topic: 'information',
  message: `Bonjour, une question sur le programme (${n}) : où trouver les horaires ?`,
  consent: true,
});

/** A challenge from the API, solved as the visitor's browser would, as the `altcha` field. */
async function solvedChallenge(sourceIp: string): Promise<string> {
  const { body } = await call('GET', '/forms/challenge?form=contact', { sourceIp });
  expect(body.required).toBe(true);
  const challenge = body.challenge as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  expect(solution).not.toBeNull();
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

describe('the proof of work of the forms (ALTCHA)', () => {
  beforeAll(async () => {
    useLocalFunctionEnvironment();
    await switchFormChallenges(['contact']);
  });
  afterAll(() => switchFormChallenges([]));

  it('asks for nothing on the forms editors left alone', async () => {
    const { body } = await call('GET', '/forms/challenge?form=registration', { sourceIp: '198.51.100.1' });
    expect(body).toEqual({ required: false });
    expect((await call('GET', '/forms/challenge?form=other', { sourceIp: '198.51.100.1' })).status).toBe(400);
  });

  it('refuses a JSON message without a solution, accepts a solved one once', async () => {
    const sourceIp = '198.51.100.2';
    const without = await call('POST', '/contact', {
      sourceIp,
      contentType: 'application/json',
      body: JSON.stringify(message(1)),
    });
    expect(without.status).toBe(400);
    expect(without.body.title).toBe('Vérification anti-robot');
    expect(without.body.detail).toMatch(/^Ce formulaire demande une courte vérification/);

    const altcha = await solvedChallenge(sourceIp);
    const solved = await call('POST', '/contact', {
      sourceIp,
      contentType: 'application/json',
      body: JSON.stringify({ ...message(2), altcha }),
    });
    expect(solved.status).toBe(202);
    const replayed = await call('POST', '/contact', {
      sourceIp,
      contentType: 'application/json',
      body: JSON.stringify({ ...message(3), altcha }),
    });
    expect(replayed.status).toBe(400);
    expect(replayed.body.detail).toMatch(/déjà servi/);
  });

  it('refuses a tampered or forged solution', async () => {
    const sourceIp = '198.51.100.3';
    const altcha = await solvedChallenge(sourceIp);
    const payload = JSON.parse(Buffer.from(altcha, 'base64').toString('utf8'));
    payload.challenge.parameters.expiresAt += 3600;
    for (const forged of [Buffer.from(JSON.stringify(payload)).toString('base64'), 'bm90IGFsdGNoYQ==', 'x'])
      expect(
        (
          await call('POST', '/contact', {
            sourceIp,
            contentType: 'application/json',
            body: JSON.stringify({ ...message(4), altcha: forged }),
          })
        ).body.detail,
      ).toMatch(/n’a pas abouti ou a expiré/);
  });

  it('lets plain form posts through without JavaScript, 5 an hour per client', async () => {
    const sourceIp = '2001:db8:4242:1::1';
    const statuses: number[] = [];
    for (let n = 10; n < 16; n += 1) {
      const fields = message(n);
      const form = new URLSearchParams({ ...fields, consent: 'on' });
      statuses.push(
        (
          await call('POST', '/contact', {
            // The same /64: one household.
            sourceIp: sourceIp.replace('::1', `::${n}`),
            contentType: 'application/x-www-form-urlencoded',
            body: form.toString(),
          })
        ).status,
      );
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
  });
});
