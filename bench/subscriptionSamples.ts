import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { secretDeclarations } from '../functions/shared/settings.ts';
import { keyedAddressHash } from '../functions/shared/tokens/keyedAddressHash.ts';
import { keyRingFromJson } from '../functions/shared/tokens/signedTokens.ts';
import {
  signConfirmationToken,
  signPreferencesToken,
  signUnsubscribeToken,
} from '../functions/subscriptions/subscriptionLinks.ts';
import { localCredentials, localRegion, localTableName } from '../infra/local/localEnvironment.ts';
import type { LocalStack } from '../infra/local/localStack.ts';

type Sample = (stack: LocalStack) => unknown | Promise<unknown>;
type HttpEvent = (method: string, path: string, body?: unknown, extra?: Record<string, unknown>) => unknown;
type StreamEvent = (
  eventName: 'INSERT' | 'MODIFY',
  keys: Record<string, string>,
  newImage: Record<string, unknown>,
) => unknown;

const ring = keyRingFromJson(secretDeclarations.TOKEN_KEYS.local, null);
const addressKeyOf = (email: string) => keyedAddressHash(secretDeclarations.ADDRESS_HASH_KEY.local, email);

/** A pending subscription made through the local stack's API, and its id. */
async function pendingSubscription(stack: LocalStack): Promise<{ id: string; email: string; key: string }> {
  const email = `bench.${randomUUID()}@exemple.fr`;
  await fetch(`${stack.apiUrl}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, lists: ['actualites'], consent: true }),
  });
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamoDbEndpoint,
      region: localRegion,
      credentials: localCredentials,
    }),
  );
  const key = addressKeyOf(email);
  const { Item } = await client.send(
    new GetCommand({ TableName: localTableName('subscribers'), Key: { pk: `SUB#${key}`, sk: 'PROFILE' } }),
  );
  return { id: Item?.id as string, email, key };
}

/** A confirmed subscription (through the API), and its preference token. */
async function confirmedSubscription(stack: LocalStack): Promise<{ id: string; token: string }> {
  const { id } = await pendingSubscription(stack);
  const confirmation = signConfirmationToken(id, new Date(Date.now() + 86_400_000), ring);
  await fetch(`${stack.apiUrl}/subscriptions/${encodeURIComponent(confirmation)}/confirmation`, {
    method: 'POST',
  });
  return { id, token: signPreferencesToken(id, ring) };
}

/** SES's bounce notification through SNS (the pinned fixture), with a fresh message id. */
function snsBounce(): SNSEvent {
  const event = JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', 'test', 'fixtures', 'sesEvents', 'sns-event-bounce.json'),
      'utf8',
    ),
  ) as SNSEvent;
  for (const record of event.Records) record.Sns.MessageId = randomUUID();
  return event;
}

/** First invocations of the subscription and mail-feedback functions, doing real work on the local stack. */
export function subscriptionSamples(httpEvent: HttpEvent, streamEvent: StreamEvent): Record<string, Sample> {
  return {
    listSubscriptionOptions: () => httpEvent('GET', '/subscription-options'),
    subscribe: () =>
      httpEvent('POST', '/subscriptions', {
        email: `bench.${randomUUID()}@exemple.fr`,
        lists: ['actualites'],
        consent: true,
      }),
    confirmSubscription: async (stack) => {
      const { id } = await pendingSubscription(stack);
      return httpEvent('POST', '/subscriptions/{token}/confirmation', undefined, {
        pathParameters: { token: signConfirmationToken(id, new Date(Date.now() + 86_400_000), ring) },
      });
    },
    getSubscription: async (stack) =>
      httpEvent('GET', '/subscriptions/{token}', undefined, {
        pathParameters: { token: (await confirmedSubscription(stack)).token },
      }),
    updateSubscription: async (stack) =>
      httpEvent(
        'PUT',
        '/subscriptions/{token}',
        { lists: ['actualites', 'mois-ess'], regions: ['53'], digest: 'weekly' },
        { pathParameters: { token: (await confirmedSubscription(stack)).token } },
      ),
    deleteSubscription: async (stack) =>
      httpEvent('DELETE', '/subscriptions/{token}', undefined, {
        pathParameters: { token: (await confirmedSubscription(stack)).token },
      }),
    unsubscribe: async (stack) => {
      const { id } = await confirmedSubscription(stack);
      return httpEvent('POST', '/unsubscribe/{token}', 'List-Unsubscribe=One-Click', {
        pathParameters: { token: signUnsubscribeToken(id, '*', ring) },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
    openUnsubscribePage: () =>
      httpEvent('GET', '/unsubscribe/{token}', undefined, {
        pathParameters: { token: signUnsubscribeToken(randomUUID(), '*', ring) },
      }),
    sendSubscriptionEmails: async (stack) => {
      const { id, key } = await pendingSubscription(stack);
      const slot = {
        pk: `SUB#${key}`,
        sk: 'FORMMAIL#3',
        kind: 'confirmation',
        subscriptionId: id,
        requestedAt: new Date().toISOString(),
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      };
      return streamEvent('INSERT', { pk: slot.pk, sk: slot.sk }, slot);
    },
    endSubscriptionsOnComplaint: async (stack) => {
      const { key } = await pendingSubscription(stack);
      const suppression = {
        pk: `ADDRESS#${key}`,
        sk: 'SUPPRESSED',
        reason: 'complaint',
        at: new Date().toISOString(),
      };
      return streamEvent('INSERT', { pk: suppression.pk, sk: suppression.sk }, suppression);
    },
    recordMailFeedback: snsBounce,
    applyMailFeedback: () => {
      const fact = {
        pk: `ADDRESS#${addressKeyOf(`bench.${randomUUID()}@exemple.fr`)}`,
        sk: `NOTIFICATION#${randomUUID()}`,
        eventType: 'Bounce',
        occurredAt: new Date().toISOString(),
        sesMessageId: randomUUID(),
        bounceType: 'Transient',
        bounceSubType: 'MailboxFull',
        feedbackId: randomUUID(),
        snsMessageId: randomUUID(),
        recordedAt: new Date().toISOString(),
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      };
      return streamEvent('INSERT', { pk: fact.pk, sk: fact.sk }, fact);
    },
  };
}
