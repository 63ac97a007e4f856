import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { MailFeedbackStore } from '../../functions/mailFeedback/mailFeedbackStore.ts';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { personalDataFinders } from '../../infra/gdpr/finders.ts';
import { erasePersonalData, exportPersonalData, type GdprTarget } from '../../infra/gdpr/personalData.ts';
import { localCredentials, localRegion, localTableName } from '../../infra/local/localEnvironment.ts';
import { registersAtOnce, stackNow } from './abuseSupport.ts';
import { confirmedSubscriber, localAddressKey } from './subscriptionSupport.ts';
import {
  anonymousContentClient,
  type DemoEvent,
  demoDocuments,
  mailTo,
  postJson,
  registrationItemsOf,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/** The command's target, as `npm run gdpr -- … --local` builds it, on the test stack. */
function testTarget(deadLetterFile: string): GdprTarget {
  const clientOptions = { region: localRegion, credentials: localCredentials };
  return {
    dynamoDb: DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...clientOptions, endpoint: inject('dynamoDbEndpoint') }),
    ),
    tableName: localTableName,
    addressHashKey: secretDeclarations.ADDRESS_HASH_KEY.local,
    ses: new SESv2Client({ ...clientOptions, endpoint: inject('sesUrl') }),
    local: true,
    deadLetters: { kind: 'files', paths: [deadLetterFile] },
    sanity: anonymousContentClient(),
  };
}

/** Capacity 12 with a waiting list, places taken at once; from the end, away from other tests' picks. */
const event = demoDocuments<DemoEvent>('event')
  .filter(
    (e) =>
      e.status === 'scheduled' &&
      e.registration.capacity === 12 &&
      e.registration.waitingList === true &&
      registersAtOnce(e),
  )
  .at(-1) as DemoEvent;

const register = (email: string, name = 'Alex Martin') =>
  postJson(`/events/${event.slug.current}/registrations`, { name, email, consent: true });

const counterOf = async () => (await registrationItemsOf(event)).find((item) => item.sk === 'COUNTER');

const found = (exported: Awaited<ReturnType<typeof exportPersonalData>>, name: string) =>
  exported.data[name]?.found as Record<string, unknown>[];

describe('npm run gdpr (export, erase)', () => {
  it('exports everything about an address, erases it but the suppression, frees its place for the waiting list, and is harmless twice', async () => {
    const { email } = await confirmedSubscriber('rgpd');
    const addressKey = localAddressKey(email);
    // The event fills up: the person has one of its 12 places, someone waits.
    for (let index = 0; index < 11; index++)
      expect((await register(uniqueEmail(`rgpd-place-${index}`))).status).toBe(201);
    expect((await register(email, 'Personne Àeffacer')).status).toBe(201);
    const waiting = uniqueEmail('rgpd-attente');
    expect(((await (await register(waiting)).json()) as { status: string }).status).toBe('waitlisted');
    expect(await counterOf()).toMatchObject({ confirmed: 12, taken: 12, waitlisted: 1 });
    expect(
      (
        await postJson('/contact', {
          name: 'Personne Àeffacer',
          email,
          topic: 'mois-ess',
          message: `Bonjour, une question ${randomUUID()}`,
          consent: true,
          website: '',
        })
      ).status,
    ).toBe(202);
    await new MailFeedbackStore(testTarget('').dynamoDb, localTableName('mailFeedback')).recordFact(
      addressKey,
      {
        snsMessageId: randomUUID(),
        sesMessageId: 'ses-1',
        eventType: 'Bounce',
        bounceType: 'Transient',
        bounceSubType: 'MailboxFull',
        occurredAt: stackNow,
        recordedAt: stackNow,
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      } as never,
    );
    const deadLetters = join(mkdtempSync(join(tmpdir(), 'essaim-gdpr-')), 'dead-letters.ndjson');
    const someoneElse = JSON.stringify({ worker: 'x', record: { email: 'autre@exemple.fr' } });
    writeFileSync(
      deadLetters,
      `${JSON.stringify({ worker: 'sendContactEmails', record: { email: { S: email } } })}\n${someoneElse}\n`,
    );
    await waitForEmails((all) => mailTo(all, email).length >= 3);
    const target = testTarget(deadLetters);
    const now = new Date(stackNow);

    const exported = await exportPersonalData(target, personalDataFinders, email, now);
    expect(exported.addressKey).toBe(addressKey);
    expect(found(exported, 'subscribers')).toContainEqual(
      expect.objectContaining({ sk: 'PROFILE', email, status: 'confirmed' }),
    );
    expect(found(exported, 'subscribers').some((item) => String(item.pk).startsWith('SUBID#'))).toBe(true);
    const registrations = found(exported, 'registrations');
    expect(registrations).toContainEqual(
      expect.objectContaining({
        pk: `EVENT#${event._id}`,
        email,
        name: 'Personne Àeffacer',
        status: 'confirmed',
      }),
    );
    expect(registrations.some((item) => String(item.sk).startsWith('REGID#'))).toBe(true);
    const contact = found(exported, 'contactMessages');
    expect(contact).toContainEqual(expect.objectContaining({ email, topic: 'mois-ess' }));
    expect(contact.some((item) => String(item.pk).startsWith('SUBMISSION#'))).toBe(true);
    expect(found(exported, 'mailFeedback')).toContainEqual(expect.objectContaining({ eventType: 'Bounce' }));
    expect(found(exported, 'rateLimits').length).toBeGreaterThan(0);
    expect(found(exported, 'deadLetters')).toHaveLength(1);
    expect(found(exported, 'sanityDocuments')).toEqual([]);
    // Nothing about anyone else.
    expect(JSON.stringify(exported)).not.toContain(waiting);

    const erased = await erasePersonalData(target, personalDataFinders, email, now);
    expect(erased.actions.registrations).toContain(
      '1 upcoming registration cancelled (places given back to the waiting list)',
    );

    const after = await exportPersonalData(target, personalDataFinders, email, now);
    for (const name of ['subscribers', 'registrations', 'contactMessages', 'rateLimits', 'deadLetters'])
      expect(found(after, name), name).toEqual([]);
    expect(found(after, 'mailFeedback')).toEqual([
      expect.objectContaining({ sk: 'SUPPRESSED', reason: 'operator', pk: `ADDRESS#${addressKey}` }),
    ]);
    expect(JSON.stringify(after.data)).not.toContain(email);
    expect(readFileSync(deadLetters, 'utf8')).toBe(`${someoneElse}\n`);

    // The place went to the person waiting, as a cancellation gives it; the erased person got no mail.
    const mails = await waitForEmails((all) =>
      mailTo(all, waiting).some((mail) => mail.subject === `Une place s’est libérée : ${event.title}`),
    );
    expect(mailTo(mails, waiting).length).toBe(2);
    expect(await counterOf()).toMatchObject({ confirmed: 12, taken: 12, waitlisted: 0 });
    expect(mailTo(await settledEmails(), email).map((mail) => mail.subject)).not.toContain(
      `Inscription annulée : ${event.title}`,
    );

    // Twice: nothing left to do, nothing broken, the counter unchanged.
    const again = await erasePersonalData(target, personalDataFinders, email, now);
    expect(again.actions.registrations).toEqual([
      '0 upcoming registrations cancelled (places given back to the waiting list)',
      '0 registration items deleted',
    ]);
    expect(again.actions.mailFeedback?.[0]).toMatch(/^suppression kept \(operator since /);
    expect(await counterOf()).toMatchObject({ confirmed: 12, taken: 12, waitlisted: 0 });
  });
});
