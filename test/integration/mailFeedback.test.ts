import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TopicSubscriber, topicSubscribers } from '../../functions/catalogue.ts';
import { messageKey } from '../../functions/contact/contactMessageStore.ts';
import {
  addressPartitionKey,
  type SuppressionItem,
  suppressionItemKey,
} from '../../functions/shared/mail/suppressionSet.ts';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { keyedAddressHash } from '../../functions/shared/tokens/keyedAddressHash.ts';
import { type AccessDenial, guardFunctionClients, onAccessDenied } from '../../infra/local/accessGuard.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { LocalTopics, snsEvent } from '../../infra/local/topics.ts';
import { atTime, inProcessRoute, stackNow } from './abuseSupport.ts';
import {
  deliveredEmails,
  documentClient,
  mailTo,
  postJson,
  settledEmails,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

/**
 * Bounces, complaints and the suppression set, through the local stack: mails to the SES
 * mailbox simulator's addresses come back as SES's events (the local simulator), the consumer
 * records them, the rules on the table's stream suppress, and the mailer sends nothing more to
 * a suppressed address. SES's simulator has no transient bounce: those are recorded payloads
 * (`test/fixtures/sesEvents/`) delivered to the same consumer through the local topic, in this
 * process, inside the same access guard.
 */
const feedbackTable = localTableName('mailFeedback');
const hashOf = (address: string) => keyedAddressHash(secretDeclarations.ADDRESS_HASH_KEY.local, address);
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const simulator = (outcome: string) => `${outcome}+${unique()}@simulator.amazonses.com`;

async function suppressionOf(address: string): Promise<SuppressionItem | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: feedbackTable,
      Key: suppressionItemKey(hashOf(address)),
      ConsistentRead: true,
    }),
  );
  return Item as SuppressionItem | undefined;
}

async function itemsOf(address: string, prefix: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: feedbackTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': addressPartitionKey(hashOf(address)), ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return Items;
}

async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`Never happened: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A contact message from `email`: the visitor's acknowledgement goes to that address, at most
 * once a day per mailbox; a message `day` days after the stack's day is sent through the
 * handler run in this process at that date, so that its acknowledgement goes out too.
 */
async function contactFrom(email: string, day = 0): Promise<string> {
  const body = {
    name: 'Camille Essai',
    email,
    topic: 'mois-ess',
    message: `Question ${unique()} sur le programme du Mois de l’ESS.`,
    consent: true,
    website: '',
  };
  if (day > 0) {
    const contact = await inProcessRoute(
      () => import('../../functions/contact/submitContactMessage.ts'),
      'POST /contact',
    );
    const answer = await atTime(new Date(Date.parse(stackNow) + day * 86_400_000).toISOString(), () =>
      contact({ sourceIp: '192.0.2.50', body }),
    );
    expect(answer.status).toBe(202);
    return answer.body.id as string;
  }
  const response = await postJson('/contact', body);
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

/** Waits for the team's notification of a message (it is sent whatever the visitor's address). */
const teamNotified = (id: string) => waitForEmails((all) => all.some((mail) => mail.body.text?.includes(id)));

/** Runs `npm run suppression:lift -- <address> --local` (the same script) on the test stack. */
function suppressionCommand(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join('infra', 'suppressions.ts'), ...args, '--local'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'), SES_ENDPOINT: inject('sesUrl') },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

// This process runs function code too (the consumer; the mailer's constant): configured like the stack's.
beforeAll(() => useLocalFunctionEnvironment());

describe('the mailbox simulator, end to end', () => {
  const bounced = simulator('bounce');

  it('suppresses a hard-bouncing address, and the next mail to it is not sent', async () => {
    const first = await contactFrom(bounced);
    await waitForEmails((all) => mailTo(all, bounced).length === 1);
    const suppression = await eventually(
      () => suppressionOf(bounced),
      Boolean,
      'suppression after a hard bounce',
    );
    expect(suppression).toMatchObject({
      reason: 'hardBounce',
      source: {
        kind: 'ses',
        eventType: 'Bounce',
        bounceType: 'Permanent',
        bounceSubType: 'General',
        configurationSet: 'essaim-local-transactional',
      },
    });
    expect(Date.parse(suppression?.at ?? '')).not.toBeNaN();
    expect(JSON.stringify(suppression)).not.toContain('@');
    expect(await itemsOf(bounced, 'NOTIFICATION#')).toHaveLength(1);

    const second = await contactFrom(bounced, 1);
    await teamNotified(second);
    expect(mailTo(await settledEmails(), bounced)).toHaveLength(1);
    // The worker went on: the acknowledgement is marked as not sent, the first one as sent.
    const { notSentAllSuppressed } = await import('../../functions/shared/mail/idempotentMailer.ts');
    const stored = async (id: string) =>
      (
        await documentClient().send(
          new GetCommand({ TableName: localTableName('contactMessages'), Key: { pk: messageKey(id) } }),
        )
      ).Item;
    expect((await stored(second))?.acknowledgementSesMessageId).toBe(notSentAllSuppressed);
    expect((await stored(first))?.acknowledgementSesMessageId).not.toBe(notSentAllSuppressed);
  });

  it('suppresses a complaining address with reason complaint, after recording its delivery', async () => {
    const complaining = simulator('complaint');
    await contactFrom(complaining);
    const suppression = await eventually(
      () => suppressionOf(complaining),
      Boolean,
      'suppression after a complaint',
    );
    expect(suppression).toMatchObject({
      reason: 'complaint',
      source: { eventType: 'Complaint', complaintFeedbackType: 'abuse' },
    });
    const facts = await eventually(
      () => itemsOf(complaining, 'NOTIFICATION#'),
      (items) => items.length === 2,
      'delivery and complaint recorded',
    );
    expect(facts.map((fact) => fact.eventType).sort()).toEqual(['Complaint', 'Delivery']);
  });

  it('marks the suppression-list address onSuppressionList, and records a success without suppressing', async () => {
    const listed = simulator('suppressionlist');
    const delivered = simulator('success');
    await contactFrom(listed);
    await contactFrom(delivered);
    expect(await eventually(() => suppressionOf(listed), Boolean, 'suppression list')).toMatchObject({
      reason: 'onSuppressionList',
      source: { bounceSubType: 'OnAccountSuppressionList' },
    });
    const facts = await eventually(
      () => itemsOf(delivered, 'NOTIFICATION#'),
      (items) => items.length === 1,
      'delivery recorded',
    );
    expect(facts[0]).toMatchObject({ eventType: 'Delivery', configurationSet: 'essaim-local-transactional' });
    expect(facts[0]?.expiresAt).toEqual(expect.any(Number));
    expect(JSON.stringify(facts[0])).not.toContain('@');
    await settledEmails();
    expect(await suppressionOf(delivered)).toBeUndefined();
  });

  it('lifts a suppression with the operator’s command: mail goes out again', async () => {
    expect((await suppressionOf(bounced))?.reason).toBe('hardBounce');
    const shown = await suppressionCommand('show', bounced);
    expect(shown.output).toContain('Suppressed: hardBounce since');
    expect(shown.output).toMatch(/1 notification\(s\)[^\n]*\n\s+\S+\s+Bounce Permanent\/General/);

    const lifted = await suppressionCommand('lift', bounced);
    expect(lifted.code, lifted.output).toBe(0);
    expect(lifted.output).toContain('Suppression lifted');
    expect(lifted.output).toContain('(it was: hardBounce');
    expect(lifted.output).toContain('SES skipped: the local SES emulator');
    expect(await suppressionOf(bounced)).toBeUndefined();

    const before = mailTo(await deliveredEmails(), bounced).length;
    await contactFrom(bounced, 2);
    await waitForEmails((all) => mailTo(all, bounced).length === before + 1);
    // It is still the bouncing address: SES bounces it again, and it is suppressed again.
    await eventually(() => suppressionOf(bounced), Boolean, 'suppressed again after the new bounce');

    const again = await suppressionCommand('lift', 'personne-de-connu@exemple.fr');
    expect(again.code).toBe(0);
    expect(again.output).toContain('No suppression');
    const counted = await suppressionCommand('count');
    expect(counted.output).toMatch(/hardBounce\s+[1-9]/);
    const wrong = await suppressionCommand('lift');
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('Usage');
  });
});

describe('recorded SES payloads delivered to the consumer', () => {
  let topics: LocalTopics;
  let consumer: TopicSubscriber;
  const denials: AccessDenial[] = [];
  let stopListening: () => void;
  const template = JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'sesEvents', 'bounce-transient-mailbox-full.json'),
      'utf8',
    ),
  ) as {
    bounce: {
      bounceSubType: string;
      timestamp: string;
      feedbackId: string;
      bouncedRecipients: { emailAddress: string }[];
    };
    mail: { destination: string[]; messageId: string };
  };
  const start = Date.parse('2027-09-01T08:00:00.000Z');
  /** A transient bounce of `address`, `days` after the first of September 2027 (SES's JSON). */
  const transientBounce = (address: string, days: number, subType = 'MailboxFull') => {
    const event = structuredClone(template);
    event.bounce.bounceSubType = subType;
    event.bounce.timestamp = new Date(start + days * 24 * 60 * 60 * 1000).toISOString();
    event.bounce.feedbackId = `feedback-${unique()}`;
    event.bounce.bouncedRecipients = [{ emailAddress: address }];
    event.mail.destination = [address];
    event.mail.messageId = `message-${unique()}`;
    return JSON.stringify(event);
  };
  const deliver = async (message: string, messageId?: string) => {
    const event = snsEvent('mailEvents', message, messageId);
    expect(await topics.deliver(consumer, event)).toBe(true);
    return event;
  };
  const transientItems = (address: string, count: number) =>
    eventually(
      () => itemsOf(address, 'TRANSIENT#'),
      (items) => items.length === count,
      `${count} transient bounce(s) counted`,
    );

  beforeAll(async () => {
    guardFunctionClients();
    stopListening = onAccessDenied((denial) => denials.push(denial));
    topics = await LocalTopics.start({
      deadLetterFile: join(await mkdtemp(join(tmpdir(), 'essaim-topics-')), 'dead-letters.ndjson'),
      retryDelayMs: () => 10,
    });
    consumer = topicSubscribers.find(
      (subscriber) => subscriber.name === 'recordMailFeedback',
    ) as TopicSubscriber;
  });
  afterAll(async () => {
    stopListening();
    await topics.stop();
  });

  it('suppresses on the third transient bounce within 30 days, not before', async () => {
    const address = `plein.${unique()}@exemple.fr`;
    await deliver(transientBounce(address, 0));
    await deliver(transientBounce(address, 10, 'General'));
    await transientItems(address, 2);
    expect(await suppressionOf(address)).toBeUndefined();
    await deliver(transientBounce(address, 25));
    const suppression = await eventually(() => suppressionOf(address), Boolean, 'third transient bounce');
    expect(suppression).toMatchObject({
      reason: 'transientBounces',
      source: { bounceType: 'Transient', bounceSubType: 'MailboxFull', transientBounces: 3 },
    });
    expect(denials).toEqual([]);
  });

  it('does not suppress transient bounces spread over more than 30 days', async () => {
    const address = `espace.${unique()}@exemple.fr`;
    for (const days of [0, 31, 62]) await deliver(transientBounce(address, days));
    await transientItems(address, 3);
    await settledEmails();
    expect(await suppressionOf(address)).toBeUndefined();
  });

  it('does not count bounces of refused content against the address', async () => {
    const address = `contenu.${unique()}@exemple.fr`;
    for (const [days, subType] of [
      [0, 'ContentRejected'],
      [1, 'ContentRejected'],
      [2, 'AttachmentRejected'],
    ] as const)
      await deliver(transientBounce(address, days, subType));
    await eventually(
      () => itemsOf(address, 'NOTIFICATION#'),
      (items) => items.length === 3,
      'three facts recorded',
    );
    await settledEmails();
    expect(await itemsOf(address, 'TRANSIENT#')).toEqual([]);
    expect(await suppressionOf(address)).toBeUndefined();
  });

  it('records a replayed SNS message once, and counts a report SES sent twice once', async () => {
    const address = `rejeu.${unique()}@exemple.fr`;
    const first = await deliver(transientBounce(address, 0));
    const messageId = first.Records[0]?.Sns.MessageId as string;
    // SNS and Lambda retry with the same message id.
    for (let replay = 0; replay < 3; replay++) expect(await topics.deliver(consumer, first)).toBe(true);
    // SES publishing the same bounce report again: another SNS message, the same report id.
    await deliver(first.Records[0]?.Sns.Message as string);
    await deliver(transientBounce(address, 5));
    const facts = await eventually(
      () => itemsOf(address, 'NOTIFICATION#'),
      (items) => items.length === 3,
      'three SNS messages recorded',
    );
    expect(facts.filter((fact) => fact.snsMessageId === messageId)).toHaveLength(1);
    await transientItems(address, 2);
    await settledEmails();
    expect(await itemsOf(address, 'TRANSIENT#')).toHaveLength(2);
    expect(await suppressionOf(address)).toBeUndefined();
  });

  it('lets a complaint replace another reason, so that subscriptions can end', async () => {
    const address = `plainte.${unique()}@exemple.fr`;
    const bounce = JSON.parse(transientBounce(address, 0)) as Record<string, { bounceType?: string }>;
    (bounce.bounce as { bounceType: string; bounceSubType?: string }).bounceType = 'Permanent';
    (bounce.bounce as { bounceSubType: string }).bounceSubType = 'General';
    await deliver(JSON.stringify(bounce));
    await eventually(
      () => suppressionOf(address),
      (item) => item?.reason === 'hardBounce',
      'hard bounce',
    );
    const complaint = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sesEvents', 'complaint-abuse.json'), 'utf8'),
    ) as { complaint: { complainedRecipients: { emailAddress: string }[] }; mail: { destination: string[] } };
    complaint.complaint.complainedRecipients = [{ emailAddress: address }];
    complaint.mail.destination = [address];
    await deliver(JSON.stringify(complaint));
    await eventually(
      () => suppressionOf(address),
      (item) => item?.reason === 'complaint',
      'complaint wins',
    );
  });

  it('refuses what is not SES’s event-publishing JSON, to the dead letters after its retries', async () => {
    const event = snsEvent('mailEvents', JSON.stringify({ notificationType: 'Bounce', bounce: {} }));
    expect(await topics.deliver(consumer, event)).toBe(false);
  });
});
