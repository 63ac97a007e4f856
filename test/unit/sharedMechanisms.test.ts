import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { attendeeListCsv } from '../../functions/registrations/attendeeList.ts';
import type { Registration } from '../../functions/registrations/registration.ts';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import { eventPeriod, eventPlace, frenchShortDateTime } from '../../functions/shared/french.ts';
import { fromHeader } from '../../functions/shared/mail/mailer.ts';
import { cachedOnSuccess, secret } from '../../functions/shared/secrets.ts';
import { allInBatches, inBatches } from '../../functions/shared/workers/inBatches.ts';

describe('secrets loaded once', () => {
  it('keep a success for the container, and try again after a failure', async () => {
    let calls = 0;
    const load = cachedOnSuccess(async () => {
      calls++;
      if (calls === 1) throw new Error('SSM throttled');
      return 'secret';
    });
    await expect(load()).rejects.toThrow('SSM throttled');
    expect(await load()).toBe('secret');
    expect(await load()).toBe('secret');
    expect(calls).toBe(2);
  });
});

/**
 * The Parameters and Secrets extension's HTTP protocol, on a port of this machine: what the
 * function sends (path, decryption, the session token header) and how it reads the answer.
 */
async function withExtensionEndpoint(
  answer: (request: IncomingMessage) => { status: number; body: string },
  run: (port: string, requests: IncomingMessage[]) => Promise<void>,
): Promise<void> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    const { status, body } = answer(request);
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  try {
    await run(String((server.address() as AddressInfo).port), requests);
  } finally {
    server.close();
  }
}

describe('secrets in AWS, through the Parameters and Secrets extension', () => {
  it('asks for the decrypted parameter with the session token, and answers its value', async () => {
    await withExtensionEndpoint(
      () => ({ status: 200, body: JSON.stringify({ Parameter: { Name: 'x', Value: '{"k1":"s3cr3t"}' } }) }),
      async (port, requests) => {
        const env = {
          TOKEN_KEYS_PARAMETER: '/essaim/prod/token-keys',
          TOKEN_KEYS: 'ignored when a parameter is named',
          PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: port,
          AWS_SESSION_TOKEN: 'session-token',
        };
        expect(await secret('TOKEN_KEYS', env)).toBe('{"k1":"s3cr3t"}');
        const url = new URL(requests[0]?.url ?? '', 'http://localhost');
        expect(url.pathname).toBe('/systemsmanager/parameters/get');
        expect(Object.fromEntries(url.searchParams)).toEqual({
          name: '/essaim/prod/token-keys',
          withDecryption: 'true',
        });
        expect(requests[0]?.headers['x-aws-parameters-secrets-token']).toBe('session-token');
      },
    );
  });

  it('fails on a refusal, naming the parameter and the status, never the answer', async () => {
    await withExtensionEndpoint(
      () => ({ status: 400, body: 'not ready to serve traffic, please wait' }),
      async (port) => {
        const env = {
          ADDRESS_HASH_KEY_PARAMETER: '/essaim/prod/address-hash-key',
          PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: port,
        };
        const failure = secret('ADDRESS_HASH_KEY', env);
        await expect(failure).rejects.toThrow(
          'Reading parameter /essaim/prod/address-hash-key failed: HTTP 400',
        );
        await expect(failure).rejects.not.toThrow('not ready');
      },
    );
  });

  it('takes the variable itself without a parameter (the local stack)', async () => {
    expect(await secret('ADDRESS_HASH_KEY', { ADDRESS_HASH_KEY: 'local-key' })).toBe('local-key');
    expect(await secret('ADDRESS_HASH_KEY', { ADDRESS_HASH_KEY: '' })).toBeUndefined();
  });
});

describe('the site name rule', () => {
  it('takes what editors set, field by field, and configuration for what they left empty', () => {
    expect(brandOf({ siteName: 'CRESS Occitanie' }, 'Essaim').siteName).toBe('CRESS Occitanie');
    expect(brandOf({ siteName: '  ' }, 'Essaim').siteName).toBe('Essaim');
    expect(brandOf(null, 'Essaim')).toEqual({
      siteName: 'Essaim',
      logoUrl: null,
      colour: null,
      postalAddress: null,
    });
  });

  it('names the sender with it, encoded when it is not plain ASCII, never breaking the header', () => {
    expect(fromHeader('Groupement ESS', 'ne-pas-repondre@ess.fr')).toBe(
      '"Groupement ESS" <ne-pas-repondre@ess.fr>',
    );
    expect(fromHeader('Chambre régionale', 'a@b.fr')).toBe(
      `=?UTF-8?B?${Buffer.from('Chambre régionale').toString('base64')}?= <a@b.fr>`,
    );
    expect(fromHeader('Nom "piégé"\r\nBcc: x@y.fr', 'a@b.fr')).not.toMatch(/[\r\n]/);
    expect(fromHeader('', 'a@b.fr')).toBe('a@b.fr');
    // A long accented name: several encoded-words of at most 75 characters, decoding back whole.
    const long = 'Chambre régionale de l’économie sociale et solidaire de Provence-Alpes-Côte d’Azur';
    const header = fromHeader(long, 'a@b.fr');
    const words = header.replace(' <a@b.fr>', '').split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    const decoded = words
      .map((word) => Buffer.from(word.replace(/^=\?UTF-8\?B\?|\?=$/g, ''), 'base64'))
      .reduce((all, part) => Buffer.concat([all, part]), Buffer.alloc(0))
      .toString('utf8');
    expect(decoded).toBe(long);
  });
});

describe('batches', () => {
  it('try every item a few at a time, count what was done and what failed', async () => {
    let running = 0;
    let most = 0;
    const outcome = await inBatches([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      if (item === 4) throw new Error('quatre');
      return item % 2 === 1;
    });
    expect(most).toBe(3);
    expect(outcome).toEqual({ done: 4, failed: 1, firstError: new Error('quatre') });
    await expect(
      allInBatches([1, 2], 2, async (item) => {
        if (item === 2) throw new Error('deux');
        return true;
      }),
    ).rejects.toThrow('deux');
  });
});

describe('French formatting', () => {
  it('says dates in Paris time and places in one line', () => {
    expect(eventPeriod('2027-11-14T13:00:00Z', '2027-11-14T15:00:00Z')).toBe(
      'dimanche 14 novembre 2027 à 14:00 – 16:00 (heure de Paris)',
    );
    expect(frenchShortDateTime('2027-07-14T08:30:00Z')).toBe('14/07/2027 10:30');
    const words = { online: (url: string) => `en ligne (${url})`, unknown: 'non communiqué' };
    expect(eventPlace({ venue: { name: 'La Ruche', postalCode: '35000', city: 'Rennes' } }, words)).toBe(
      'La Ruche, 35000 Rennes',
    );
    expect(eventPlace({ venue: null, onlineUrl: 'https://visio.example/a' }, words)).toBe(
      'en ligne (https://visio.example/a)',
    );
    expect(eventPlace({}, words)).toBe('non communiqué');
  });
});

describe('attendee list CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    const registration = (name: string, email: string) =>
      ({ name, email, status: 'confirmed', registeredAt: '2027-10-20T08:00:00Z' }) as Registration;
    const csv = attendeeListCsv([
      registration('=HYPERLINK("https://malveillant.example","Cliquez")', 'a@b.fr'),
      registration('+33 6 00', '@SUM(1)@b.fr'),
      registration('-2+3', 'c@d.fr'),
      registration('\tTab', 'e@f.fr'),
      registration('Zoé Durand', 'zoe@exemple.fr'),
    ]);
    const cells = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .flatMap((row) => row.split(';'));
    for (const cell of cells) expect(cell.replace(/^"/, ''), cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain('Zoé Durand;zoe@exemple.fr;Confirmée');
  });
});
