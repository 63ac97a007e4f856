import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContactMessage, submissionFingerprint } from '../../functions/contact/contactMessage.ts';
import { DynamoDbContactMessageStore, messageKey } from '../../functions/contact/contactMessageStore.ts';
import { contactConfigFromEnv } from '../../functions/contact/topics.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import {
  documentClient,
  postJson,
  settledEmails,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<{
  batchItemFailures: { itemIdentifier: string }[];
}>;

const contactTable = localTableName('contactMessages');

describe('sendContactEmails worker', () => {
  let handler: StreamHandler;

  beforeAll(async () => {
    // The worker reads its configuration at import, as in Lambda: give it the local stack's.
    useLocalFunctionEnvironment();
    ({ handler } = (await import('../../functions/contact/sendContactEmails.ts')) as unknown as {
      handler: StreamHandler;
    });
  });

  it('sends nothing again when a batch it already processed is delivered again', async () => {
    const email = uniqueEmail('replay');
    const response = await postJson('/contact', {
      name: 'Dominique Bernard',
      email,
      topic: 'information',
      message: 'Quelles sont les dates du Mois de l’ESS ?',
      consent: true,
    });
    const { id } = (await response.json()) as { id: string };
    await waitForEmails(
      (all) =>
        all.filter((mail) => mail.destination.to.includes(email) || mail.replyTo.includes(email)).length ===
        2,
    );

    const { Item } = await documentClient().send(
      new GetCommand({ TableName: contactTable, Key: { pk: messageKey(id) }, ConsistentRead: true }),
    );
    const replayed: DynamoDBStreamEvent = {
      Records: [
        {
          eventID: randomUUID(),
          eventName: 'INSERT',
          eventSource: 'aws:dynamodb',
          dynamodb: {
            Keys: { pk: { S: messageKey(id) } },
            // biome-ignore lint/suspicious/noExplicitAny: the stream's AttributeValue type and the SDK's differ only nominally
            NewImage: marshall(Item) as any,
            SequenceNumber: '1',
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        },
      ],
    };
    // Twice, as a retried batch or a replayed shard would.
    for (let delivery = 0; delivery < 2; delivery++) {
      const result = await handler(replayed, lambdaContext('sendContactEmails')).catch((error) => {
        throw new Error(
          String((error as { recordErrors?: Error[] }).recordErrors?.map((e) => e.stack) ?? error),
        );
      });
      expect(result.batchItemFailures).toEqual([]);
    }
    const settled = await settledEmails();
    expect(
      settled.filter((mail) => mail.destination.to.includes(email) || mail.replyTo.includes(email)),
    ).toHaveLength(2);
  });
});

describe('DynamoDbContactMessageStore', () => {
  it('takes the same message again as a new one once the ten-minute window has passed', async () => {
    const store = new DynamoDbContactMessageStore(documentClient(), contactTable);
    const config = contactConfigFromEnv({});
    const input = {
      name: 'Sacha Petit',
      email: uniqueEmail('window'),
      topic: 'adhesion',
      message: 'Comment adhérer ?',
      consent: true as const,
      website: '',
    };
    const fingerprint = submissionFingerprint(input, 'cle-de-test');
    const at = (iso: string) => new Date(iso);
    const record = (id: string, now: string) =>
      store.recordUnlessDuplicate(
        buildContactMessage(input, config, at(now), id),
        fingerprint,
        new Date(at(now).getTime() + config.duplicateWindowSeconds * 1000),
        at(now),
      );

    const first = await record(randomUUID(), '2030-03-02T10:00:00Z');
    expect(first.duplicate).toBe(false);
    const nineMinutesLater = await record(randomUUID(), '2030-03-02T10:09:00Z');
    expect(nineMinutesLater).toEqual({ id: first.id, duplicate: true });
    const elevenMinutesLater = await record(randomUUID(), '2030-03-02T10:11:00Z');
    expect(elevenMinutesLater.duplicate).toBe(false);
    expect(elevenMinutesLater.id).not.toBe(first.id);
  });
});
