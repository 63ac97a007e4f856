import { describe, expect, it } from 'vitest';
import { catalogueProblems, deployedFunctions } from '../../functions/catalogue.ts';
import { exportForPerson, placesInFrench } from '../../functions/personalData/personalDataEmails.ts';
import { personalDataFormHtml } from '../../functions/personalData/personalDataForm.ts';
import { decideConfirmation, newRequest } from '../../functions/personalData/personalDataRequest.ts';
import { personalDataRequestSchema } from '../../functions/personalData/personalDataRequestSchema.ts';
import { signRequestToken, verifyRequestToken } from '../../functions/personalData/requestLinks.ts';
import { storedDataFinders } from '../../functions/personalData/storedDataFinders.ts';
import { keyRingFromJson, signToken } from '../../functions/shared/tokens/signedTokens.ts';
import { personalDataFinders } from '../../infra/gdpr/finders.ts';
import { isGranted, requiredPermissions } from '../../infra/local/accessRules.ts';

const now = new Date('2027-10-20T08:00:00.000Z');
const ring = keyRingFromJson('{"k1":"une-cle"}', 'k1');

describe('a self-service personal-data request', () => {
  it('waits 24 hours for its click, and is kept a day more for a late second click', () => {
    const request = newRequest({ id: 'r1', kind: 'erase', email: 'a@b.fr', addressKey: 'h', now });
    expect(request).toMatchObject({
      pk: 'REQUEST#r1',
      status: 'requested',
      confirmUntil: '2027-10-21T08:00:00.000Z',
    });
    expect(request.expiresAt).toBe(Date.parse('2027-10-22T08:00:00.000Z') / 1000);
    expect(decideConfirmation(request, now)).toBe('confirm');
    expect(decideConfirmation(request, new Date('2027-10-21T08:00:00.000Z'))).toBe('expired');
    // Confirmed or done: a second click changes nothing, even once the link has lapsed.
    for (const status of ['confirmed', 'done'] as const)
      expect(decideConfirmation({ ...request, status }, new Date('2027-10-21T09:00:00.000Z'))).toBe(
        'alreadyConfirmed',
      );
  });

  it('is confirmed by a link of its own purpose, naming the request, never the address', () => {
    const until = new Date('2027-10-21T08:00:00.000Z');
    const token = signRequestToken('r1', 'export', until, ring);
    expect(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).toBe(
      '["personal-data-request","r1","export","1824105600"]',
    );
    expect(verifyRequestToken(token, ring, now)).toEqual({ id: 'r1', kind: 'export', expired: false });
    expect(verifyRequestToken(token, ring, until)).toEqual({ id: 'r1', kind: 'export', expired: true });
    const [keyId, payload, mac] = token.split('.') as [string, string, string];
    expect(
      verifyRequestToken(
        `${keyId}.${payload}.${mac.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
        ring,
        now,
      ),
    ).toBeNull();
    expect(
      verifyRequestToken(signToken('subscription-confirm', ['r1', '1824105600'], ring), ring, now),
    ).toBeNull();
    expect(
      verifyRequestToken(signToken('personal-data-request', ['r1', 'everything', '1'], ring), ring, now),
    ).toBeNull();
  });

  it('takes an address and one of the two requests, with French messages', () => {
    expect(personalDataRequestSchema.safeParse({ email: ' a@b.fr ', request: 'erase' })).toMatchObject({
      success: true,
      data: { email: 'a@b.fr', request: 'erase', website: '' },
    });
    const refused = personalDataRequestSchema.safeParse({ email: 'a@b.fr', request: 'all', extra: 1 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(
      expect.arrayContaining(['personalData.request.unknown', 'field.unknownField']),
    );
  });

  it('renders an accessible form: labels, hints, and an error summary linking to each field', () => {
    const html = personalDataFormHtml({
      idPrefix: 'p',
      action: 'https://api.exemple.fr/personal-data/requests',
      values: { email: 'pas-une-adresse' },
      errors: { email: 'L’adresse e-mail n’est pas valide.', request: 'Choisissez.' },
    });
    expect(html).toContain('role="alert"');
    expect(html).toContain(
      '<a href="#p-email">Votre adresse e-mail : L’adresse e-mail n’est pas valide.</a>',
    );
    expect(html).toContain('<a href="#p-request">Votre demande : Choisissez.</a>');
    expect(html).toContain('<label for="p-request-export">Recevoir mes données</label>');
    expect(html).toContain('<label for="p-request-erase">Effacer mes données</label>');
    expect(html).toMatch(
      /<fieldset class="essaim-fieldset" id="p-request" aria-describedby="p-request-erreur">/,
    );
    expect(html).toMatch(/id="p-email"[^>]*aria-invalid="true"/);
    expect(html).toContain('name="website"');
  });

  it('exports each place in French, with what it holds', () => {
    const person = exportForPerson({
      address: 'a@b.fr',
      addressKey: 'h',
      exportedAt: now.toISOString(),
      data: { subscribers: { description: 'operator words', found: [{ email: 'a@b.fr' }] } },
    });
    expect(person).toEqual({
      adresse: 'a@b.fr',
      exporteLe: now.toISOString(),
      donnees: {
        subscribers: {
          description: placesInFrench.subscribers?.description,
          elements: [{ email: 'a@b.fr' }],
        },
      },
    });
    for (const finder of storedDataFinders) expect(placesInFrench[finder.name], finder.name).toBeDefined();
  });
});

describe('the finders shared with the operator’s command', () => {
  it('are all run by `npm run gdpr`, in the same order, the suppression first', () => {
    const names = personalDataFinders.map((finder) => finder.name);
    expect(storedDataFinders[0]?.name).toBe('mailFeedback');
    expect(names.filter((name) => storedDataFinders.some((finder) => finder.name === name))).toEqual(
      storedDataFinders.map((finder) => finder.name),
    );
  });

  it('query the byAddress indexes only where the manifest names them, as IAM would', () => {
    expect(catalogueProblems()).toEqual([]);
    const eraser = deployedFunctions.find((fn) => fn.name === 'erasePersonalDataOnRequest');
    const byAddress = (table: string) =>
      requiredPermissions('dynamodb', 'Query', { TableName: table, IndexName: 'byAddress' })[0] as Parameters<
        typeof isGranted
      >[1];
    expect(eraser?.access.sendEmail).toBeUndefined();
    expect(eraser && isGranted(eraser.access, byAddress('essaim-Registrations'))).toBe(true);
    expect(eraser && isGranted(eraser.access, byAddress('essaim-ContactMessages'))).toBe(true);
    // A function that reads the table has no right on its index for all that.
    const cancel = deployedFunctions.find((fn) => fn.name === 'cancelRegistration');
    expect(cancel && isGranted(cancel.access, byAddress('essaim-Registrations'))).toBe(false);
    const scan = requiredPermissions('dynamodb', 'Scan', {
      TableName: 'essaim-Registrations',
      IndexName: 'byAddress',
    })[0] as Parameters<typeof isGranted>[1];
    expect(eraser && isGranted(eraser.access, scan)).toBe(false);
  });
});
