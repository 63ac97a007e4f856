import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SNSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { deployedFunctions, topicSubscribers, topicsPublishedBy } from '../../functions/catalogue.ts';
import {
  bareAddress,
  decide,
  feedbackFacts,
  replacesSuppression,
  suppressionSource,
  transientBouncesAround,
  transientBouncesSuppress,
} from '../../functions/mailFeedback/feedbackRules.ts';
import { configurationSetOf, parseSesMessage, type SesEvent } from '../../functions/mailFeedback/sesEvent.ts';
import { checksSuppressions, grantedAccess } from '../../functions/manifest.ts';
import type { OutgoingEmail } from '../../functions/shared/mail/outgoingEmail.ts';
import { isActiveSuppression } from '../../functions/shared/mail/suppressionSet.ts';
import { withoutSuppressedRecipients } from '../../functions/shared/mail/suppressions.ts';
import { isGranted } from '../../infra/local/accessRules.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { acceptedSends, simulatedEvents, simulatorOutcome } from '../../infra/local/mailboxSimulator.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sesEvents');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const eventOf = (name: string): SesEvent => {
  const parsed = parseSesMessage(fixture(name));
  if (parsed.kind !== 'event') throw new Error(`${name}: ${JSON.stringify(parsed)}`);
  return parsed.event;
};
const onlyFact = (name: string) => {
  const facts = feedbackFacts(eventOf(name));
  expect(facts).toHaveLength(1);
  return facts[0] as (typeof facts)[number];
};
const day = 24 * 60 * 60 * 1000;

describe('SES event-publishing payload (the one format pinned)', () => {
  it('reads every fixture, and the SNS envelope Lambda receives carries one as its message', () => {
    const files = readdirSync(fixtures).filter((file) => file.endsWith('.json') && !file.startsWith('sns-'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) expect(parseSesMessage(fixture(file)).kind, file).toBe('event');
    const envelope = JSON.parse(fixture('sns-event-bounce.json')) as SNSEvent;
    const parsed = parseSesMessage(envelope.Records[0]?.Sns.Message ?? '');
    expect(parsed.kind === 'event' && parsed.event.eventType).toBe('Bounce');
  });

  it('ignores the event types the stack does not publish, and refuses anything else with paths, never values', () => {
    expect(parseSesMessage(JSON.stringify({ eventType: 'Open', mail: {} }))).toEqual({
      kind: 'ignored',
      eventType: 'Open',
    });
    expect(parseSesMessage('{not json').kind).toBe('invalid');
    // SES's identity notifications are another format: refused, not guessed at.
    const identity = JSON.parse(fixture('bounce-permanent-general.json')) as Record<string, unknown>;
    const { eventType: _, ...withoutType } = identity;
    expect(parseSesMessage(JSON.stringify({ ...withoutType, notificationType: 'Bounce' }))).toEqual({
      kind: 'invalid',
      problems: ['notificationType: an identity notification, not event publishing'],
    });
    const broken = { ...identity, bounce: { ...(identity.bounce as object), bounceType: 'Soft' } };
    const parsed = parseSesMessage(JSON.stringify(broken));
    expect(parsed).toEqual({ kind: 'invalid', problems: ['bounce.bounceType: invalid_value'] });
    expect(JSON.stringify(parsed)).not.toContain('@');
  });

  it('makes one fact per recipient, address normalised, with the configuration set and no diagnostic text', () => {
    const fact = onlyFact('bounce-transient-mailbox-full.json');
    expect(fact).toEqual({
      address: 'dominique.petit@exemple.fr',
      eventType: 'Bounce',
      occurredAt: '2027-11-03T07:30:12.001Z',
      sesMessageId: '0109019a1b3e5f41-bb22cc33-dd44-4e55-9f66-aa77bb88cc99-000000',
      configurationSet: 'Essaim-prod-BulkMailConfigurationSet62E9FE58-Ef56Gh78',
      bounceType: 'Transient',
      bounceSubType: 'MailboxFull',
      feedbackId: '0100019a1b3e5f60-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e-000000',
    });
    expect(configurationSetOf(eventOf('delivery.json'))).toBe(
      'Essaim-prod-MailConfigurationSet8758ADB0-Ab12Cd34',
    );
    expect(onlyFact('reject.json')).toMatchObject({
      address: 'noa.garcia@exemple.fr',
      rejectReason: 'Bad content',
    });
    expect(onlyFact('complaint-abuse.json')).toMatchObject({
      address: 'alex.moreau@exemple.fr',
      complaintFeedbackType: 'abuse',
    });
    expect(onlyFact('complaint-abuse.json')).not.toHaveProperty('complaintSubType');
    const twice = JSON.parse(fixture('bounce-permanent-general.json')) as {
      bounce: { bouncedRecipients: object[] };
    };
    twice.bounce.bouncedRecipients.push({ emailAddress: ' Camille.Martin@exemple.fr ' });
    twice.bounce.bouncedRecipients.push({ emailAddress: 'Autre <autre@exemple.fr>' });
    const parsed = parseSesMessage(JSON.stringify(twice));
    expect(parsed.kind === 'event' && feedbackFacts(parsed.event).map((fact) => fact.address)).toEqual([
      'camille.martin@exemple.fr',
      'autre@exemple.fr',
    ]);
    expect(bareAddress('"Nom" <A@B.fr>')).toBe('a@b.fr');
  });
});

describe('suppression rules', () => {
  it('suppresses at once on a permanent bounce, on the account list, and on a complaint', () => {
    expect(decide(onlyFact('bounce-permanent-general.json'))).toEqual({
      kind: 'suppress',
      reason: 'hardBounce',
    });
    expect(decide(onlyFact('bounce-permanent-on-account-suppression-list.json'))).toEqual({
      kind: 'suppress',
      reason: 'onSuppressionList',
    });
    expect(decide(onlyFact('complaint-abuse.json'))).toEqual({ kind: 'suppress', reason: 'complaint' });
    for (const subType of ['NoEmail', 'Suppressed', 'UnsubscribedRecipient'])
      expect(decide({ eventType: 'Bounce', bounceType: 'Permanent', bounceSubType: subType })).toEqual({
        kind: 'suppress',
        reason: 'hardBounce',
      });
    expect(
      decide({
        eventType: 'Complaint',
        complaintFeedbackType: 'abuse',
        complaintSubType: 'OnAccountSuppressionList',
      }),
    ).toEqual({ kind: 'suppress', reason: 'onSuppressionList' });
  });

  it('counts transient and undetermined bounces, and never holds the content against the address', () => {
    expect(decide(onlyFact('bounce-transient-mailbox-full.json'))).toEqual({ kind: 'countTransient' });
    expect(decide({ eventType: 'Bounce', bounceType: 'Transient', bounceSubType: 'General' })).toEqual({
      kind: 'countTransient',
    });
    expect(
      decide({ eventType: 'Bounce', bounceType: 'Undetermined', bounceSubType: 'Undetermined' }),
    ).toEqual({
      kind: 'countTransient',
    });
    expect(decide(onlyFact('bounce-transient-content-rejected.json'))).toEqual({
      kind: 'ignore',
      why: 'contentRefused',
    });
    for (const subType of ['AttachmentRejected', 'MessageTooLarge'])
      expect(decide({ eventType: 'Bounce', bounceType: 'Transient', bounceSubType: subType }).kind).toBe(
        'ignore',
      );
  });

  it('only records deliveries, rejects and "not spam" feedback', () => {
    expect(decide(onlyFact('delivery.json'))).toEqual({ kind: 'ignore', why: 'delivery' });
    expect(decide(onlyFact('reject.json'))).toEqual({ kind: 'ignore', why: 'reject' });
    expect(decide({ eventType: 'Complaint', complaintFeedbackType: 'not-spam' })).toEqual({
      kind: 'ignore',
      why: 'notSpam',
    });
    expect(decide({ eventType: 'Complaint' })).toEqual({ kind: 'suppress', reason: 'complaint' });
  });

  it('suppresses on the third transient bounce within 30 days, whatever the order they arrive in', () => {
    const start = new Date('2027-11-01T08:00:00Z');
    const at = (days: number) => new Date(start.getTime() + days * day);
    expect(transientBouncesSuppress([at(0), at(10)], at(10))).toBe(false);
    expect(transientBouncesSuppress([at(0), at(10), at(29)], at(29))).toBe(true);
    expect(transientBouncesSuppress([at(0), at(10), at(30)], at(30))).toBe(true);
    // Spread over more than 30 days: never three in one window.
    expect(transientBouncesAround([at(0), at(20), at(31)], at(31))).toBe(2);
    expect(transientBouncesSuppress([at(0), at(20), at(51), at(60)], at(60))).toBe(false);
    expect(transientBouncesSuppress([at(0), at(20), at(31), at(45)], at(45))).toBe(true);
    // Recorded late: the window may lie after the bounce.
    expect(transientBouncesSuppress([at(0), at(25), at(5)], at(0))).toBe(true);
    expect(transientBouncesAround([at(40), at(60)], at(45))).toBe(3);
    expect(transientBouncesAround([], at(3))).toBe(1);
  });

  it('lets a complaint replace another reason (the subscriptions end), and nothing else', () => {
    expect(replacesSuppression('hardBounce', 'complaint')).toBe(true);
    expect(replacesSuppression('transientBounces', 'complaint')).toBe(true);
    expect(replacesSuppression('complaint', 'complaint')).toBe(false);
    expect(replacesSuppression('complaint', 'hardBounce')).toBe(false);
    expect(replacesSuppression('hardBounce', 'onSuppressionList')).toBe(false);
  });

  it('records what caused a suppression without the address or the diagnostic text', () => {
    const { address: _, ...fact } = onlyFact('bounce-permanent-general.json');
    const source = suppressionSource({ ...fact, snsMessageId: 'sns-1' });
    expect(source).toEqual({
      kind: 'ses',
      eventType: 'Bounce',
      bounceType: 'Permanent',
      bounceSubType: 'General',
      occurredAt: '2027-11-02T09:14:07.512Z',
      sesMessageId: '0109019a1b2c2f10-3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f-000000',
      snsMessageId: 'sns-1',
      configurationSet: 'Essaim-prod-MailConfigurationSet8758ADB0-Ab12Cd34',
    });
    expect(JSON.stringify(source)).not.toMatch(/@|550/);
  });

  it('holds a suppression until its retention ends, whenever DynamoDB deletes it', () => {
    const now = new Date('2027-11-01T00:00:00Z');
    expect(isActiveSuppression({ expiresAt: now.getTime() / 1000 + 1 }, now)).toBe(true);
    expect(isActiveSuppression({ expiresAt: now.getTime() / 1000 }, now)).toBe(false);
    expect(isActiveSuppression(undefined, now)).toBe(false);
  });
});

describe('the suppression check before every send', () => {
  const email: OutgoingEmail = {
    fromName: 'Essaim',
    to: ['a@exemple.fr', 'b@exemple.fr'],
    subject: 'Objet',
    html: '<p>Bonjour</p>',
    text: 'Bonjour',
  };

  it('drops suppressed recipients and keeps the others', async () => {
    const suppressed = async (address: string) => address === 'b@exemple.fr';
    expect(await withoutSuppressedRecipients(email, suppressed)).toEqual({
      email: { ...email, to: ['a@exemple.fr'] },
      dropped: 1,
    });
    const none = await withoutSuppressedRecipients(email, async () => true);
    expect(none.email.to).toEqual([]);
    expect(none.dropped).toBe(2);
    expect((await withoutSuppressedRecipients(email, async () => false)).email).toBe(email);
  });

  it('gives every function that sends mail read access to MailFeedback and the address-hash key, derived once', () => {
    const senders = deployedFunctions.filter((fn) => fn.access.sendEmail);
    expect(senders.length).toBeGreaterThan(2);
    for (const sender of senders) {
      expect(sender.access.tables?.mailFeedback, sender.name).toMatch(/^read/);
      expect(sender.access.secrets, sender.name).toContain('ADDRESS_HASH_KEY');
      const table = localTableName('mailFeedback');
      const on = (action: string) => ({ action, tableName: table, resource: `table/${table}` });
      expect(isGranted(sender.access, on('dynamodb:GetItem')), sender.name).toBe(true);
      expect(isGranted(sender.access, on('dynamodb:PutItem')), sender.name).toBe(false);
    }
    expect(grantedAccess({ tables: { contactMessages: 'write' } })).toEqual({
      tables: { contactMessages: 'write' },
    });
    expect(checksSuppressions({ tables: { mailFeedback: 'write' }, secrets: ['TOKEN_KEYS'] })).toEqual({
      tables: { mailFeedback: 'readWrite' },
      secrets: ['TOKEN_KEYS', 'ADDRESS_HASH_KEY'],
    });
  });

  it('has one consumer of SES events, subscribed to the one topic SES publishes to', () => {
    expect(topicsPublishedBy('sesEvents')).toEqual(['mailEvents']);
    expect(topicSubscribers.map((subscriber) => [subscriber.name, subscriber.topic])).toContainEqual([
      'recordMailFeedback',
      'mailEvents',
    ]);
  });
});

describe('local mailbox simulator', () => {
  it('knows the simulator addresses, with or without a label', () => {
    expect(simulatorOutcome('bounce@simulator.amazonses.com')).toBe('bounce');
    expect(simulatorOutcome('Bounce+essai-3@Simulator.AmazonSES.com')).toBe('bounce');
    expect(simulatorOutcome('"Test" <complaint+x@simulator.amazonses.com>')).toBe('complaint');
    expect(simulatorOutcome('suppressionlist+1@simulator.amazonses.com')).toBe('suppressionlist');
    expect(simulatorOutcome('success@simulator.amazonses.com')).toBe('success');
    expect(simulatorOutcome('bounce@exemple.fr')).toBeUndefined();
    expect(simulatorOutcome('blackhole@simulator.amazonses.com')).toBeUndefined();
  });

  it('publishes what the consumer reads: one event per outcome, in the pinned format', () => {
    const [send] = acceptedSends(
      'SendEmail',
      {
        FromEmailAddress: '"Essaim (local)" <ne-pas-repondre@essaim.localhost>',
        Destination: {
          ToAddresses: ['bounce+a@simulator.amazonses.com', 'personne@exemple.fr'],
          CcAddresses: ['complaint@simulator.amazonses.com'],
          BccAddresses: ['suppressionlist@simulator.amazonses.com', 'success@simulator.amazonses.com'],
        },
        Content: { Simple: { Subject: { Data: 'Objet' } } },
      },
      { MessageId: 'local-1' },
      'essaim-local-transactional',
    );
    expect(send?.destination).toHaveLength(5);
    const events = simulatedEvents(send as NonNullable<typeof send>);
    const parsed = events.map((event) => parseSesMessage(JSON.stringify(event)));
    const read = parsed.map((result) => (result.kind === 'event' ? result.event : undefined));
    expect(read.map((event) => event?.eventType)).toEqual([
      'Bounce',
      'Delivery',
      'Complaint',
      'Bounce',
      'Delivery',
    ]);
    const decisions = read
      .flatMap((event) => (event ? feedbackFacts(event) : []))
      .map((fact) => [fact.address, decide(fact)]);
    expect(decisions).toEqual([
      ['bounce+a@simulator.amazonses.com', { kind: 'suppress', reason: 'hardBounce' }],
      ['complaint@simulator.amazonses.com', { kind: 'ignore', why: 'delivery' }],
      ['complaint@simulator.amazonses.com', { kind: 'suppress', reason: 'complaint' }],
      ['suppressionlist@simulator.amazonses.com', { kind: 'suppress', reason: 'onSuppressionList' }],
      ['success@simulator.amazonses.com', { kind: 'ignore', why: 'delivery' }],
    ]);
    for (const event of read) expect(event && configurationSetOf(event)).toBe('essaim-local-transactional');
  });

  it('reads bulk sends entry by entry, and nothing of a refused entry', () => {
    const sends = acceptedSends(
      'SendBulkEmail',
      {
        FromEmailAddress: 'ne-pas-repondre@essaim.localhost',
        ConfigurationSetName: 'essaim-local-bulk',
        BulkEmailEntries: [
          { Destination: { ToAddresses: ['bounce@simulator.amazonses.com'] } },
          { Destination: { ToAddresses: ['complaint@simulator.amazonses.com'] } },
        ],
      },
      { BulkEmailEntryResults: [{ Status: 'SUCCESS', MessageId: 'm-1' }, { Status: 'FAILED' }] },
      'essaim-local-transactional',
    );
    expect(sends).toMatchObject([
      {
        messageId: 'm-1',
        destination: ['bounce@simulator.amazonses.com'],
        configurationSet: 'essaim-local-bulk',
      },
    ]);
    expect(acceptedSends('GetAccount', {}, {}, 'x')).toEqual([]);
  });
});
