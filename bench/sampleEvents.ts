import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { encodeSignatureHeader } from '@sanity/webhook';
import type { APIGatewayProxyEventV2, DynamoDBStreamEvent } from 'aws-lambda';
import { messageKey } from '../functions/contact/contactMessageStore.ts';
import { signAttendeeListToken, signManageToken } from '../functions/registrations/registrationLinks.ts';
import { eventKey, registrationKey } from '../functions/registrations/registrationTable.ts';
import { secretDeclarations } from '../functions/shared/settings.ts';
import { keyedAddressHash } from '../functions/shared/tokens/keyedAddressHash.ts';
import { keyRingFromJson } from '../functions/shared/tokens/signedTokens.ts';
import { localWebhookSecret } from '../infra/local/localEnvironment.ts';

const localTokenKeyRing = keyRingFromJson(secretDeclarations.TOKEN_KEYS.local, null);
const addressKeyOf = (email: string) => keyedAddressHash(secretDeclarations.ADDRESS_HASH_KEY.local, email);

import type { LocalStack } from '../infra/local/localStack.ts';
import { demoDatasetPath } from '../studio/demo/generateDemoDataset.ts';
import { subscriptionSamples } from './subscriptionSamples.ts';

/** An API Gateway payload-2.0 event, as the stack's HTTP API sends it. */
export function httpEvent(
  method: string,
  path: string,
  body?: unknown,
  extra: Partial<APIGatewayProxyEventV2> = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'accept-language': 'fr-FR,fr;q=0.9' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
    ...extra,
  };
}

/** A webhook as the local Content Lake would sign it. */
async function signedWebhook(): Promise<APIGatewayProxyEventV2> {
  const body = JSON.stringify({
    documentId: 'event-2027-00001',
    type: 'event',
    revision: randomUUID(),
    operation: 'update',
    updatedAt: new Date().toISOString(),
    before: null,
    after: null,
  });
  const signature = await encodeSignatureHeader(body, Date.now(), localWebhookSecret);
  const event = httpEvent('POST', '/webhooks/sanity', body);
  return { ...event, headers: { ...event.headers, 'sanity-webhook-signature': signature } };
}

/** A DynamoDB stream event of one record, as Lambda delivers it. */
function streamEvent(
  eventName: 'INSERT' | 'MODIFY',
  keys: Record<string, string>,
  newImage: Record<string, unknown>,
  oldImage?: Record<string, unknown>,
): DynamoDBStreamEvent {
  return {
    Records: [
      {
        eventID: randomUUID(),
        eventName,
        eventSource: 'aws:dynamodb',
        dynamodb: {
          // biome-ignore lint/suspicious/noExplicitAny: the stream's AttributeValue type and the SDK's differ only nominally
          Keys: marshall(keys) as any,
          // biome-ignore lint/suspicious/noExplicitAny: as above
          NewImage: marshall(newImage, { removeUndefinedValues: true }) as any,
          // biome-ignore lint/suspicious/noExplicitAny: as above
          ...(oldImage ? { OldImage: marshall(oldImage, { removeUndefinedValues: true }) as any } : {}),
          SequenceNumber: '1',
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
    ],
  };
}

/** An open event with unlimited places from the demo dataset: registrations always succeed. */
const [openEvent] = readFileSync(demoDatasetPath, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as DemoEvent)
  .filter((doc) => doc._type === 'event' && doc.status === 'scheduled' && !doc.registration?.capacity) as [
  DemoEvent,
];
interface DemoEvent {
  _id: string;
  _type: string;
  status: string;
  title: string;
  slug: { current: string };
  startsAt: string;
  endsAt: string;
  registration?: { capacity?: number };
}

/** A registration in the same shape the handler stores, for the registration workers. */
function registrationItem(status: 'confirmed' | 'cancelled') {
  const email = `bench.${randomUUID()}@exemple.fr`;
  const now = new Date().toISOString();
  return {
    pk: eventKey(openEvent._id),
    sk: registrationKey(addressKeyOf(email)),
    id: randomUUID(),
    eventId: openEvent._id,
    addressKey: addressKeyOf(email),
    name: 'Banc d’essai',
    email,
    status,
    registeredAt: now,
    consent: { textVersion: 'bench', givenAt: now },
    event: {
      id: openEvent._id,
      slug: openEvent.slug.current,
      title: openEvent.title,
      startsAt: openEvent.startsAt,
      endsAt: openEvent.endsAt,
      venue: null,
      onlineUrl: null,
      status: 'scheduled',
    },
    eventAsOf: now,
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  };
}

/** A real registration through the local stack, and the token of its manage link. */
async function manageLinkToken(stack: LocalStack): Promise<string> {
  const email = `bench.${randomUUID()}@exemple.fr`;
  const response = await fetch(`${stack.apiUrl}/events/${openEvent.slug.current}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Banc d’essai', email, consent: true }),
  });
  const { id } = (await response.json()) as { id: string };
  return signManageToken({ eventId: openEvent._id, registrationId: id }, localTokenKeyRing);
}

/** A new contact message as its stream record: the worker really sends both e-mails. */
export function contactStreamEvent(): DynamoDBStreamEvent {
  const id = randomUUID();
  const now = new Date().toISOString();
  const message = {
    pk: messageKey(id),
    id,
    name: 'Banc d’essai',
    email: `bench.${id}@exemple.fr`,
    topic: 'information',
    message: 'Mesure du démarrage à froid.',
    receivedAt: now,
    consent: { textVersion: 'bench', givenAt: now },
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  };
  return {
    Records: [
      {
        eventID: randomUUID(),
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: {
          Keys: { pk: { S: message.pk } },
          // biome-ignore lint/suspicious/noExplicitAny: the stream's AttributeValue type and the SDK's differ only nominally
          NewImage: marshall(message) as any,
          SequenceNumber: '1',
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
    ],
  };
}

/** A first invocation for each function, doing real work against the local stack. */
export const sampleEvents: Record<string, (stack: LocalStack) => unknown | Promise<unknown>> = {
  ...subscriptionSamples(httpEvent as never, streamEvent as never),
  listEvents: () => httpEvent('GET', '/events', undefined, { queryStringParameters: { region: '53' } }),
  getEventsCalendar: () =>
    httpEvent('GET', '/events.ics', undefined, { queryStringParameters: { region: '53' } }),
  getEvent: () =>
    httpEvent('GET', '/events/{slug}', undefined, {
      pathParameters: { slug: 'debat-quelle-place-pour-entreprendre-a-plusieurs-a-lorient-lorient' },
    }),
  listRegions: () => httpEvent('GET', '/regions'),
  listArticles: () => httpEvent('GET', '/articles'),
  getArticle: () =>
    httpEvent('GET', '/articles/{slug}', undefined, { pathParameters: { slug: 'assemblee-generale-2026' } }),
  getArticlesFeed: () => httpEvent('GET', '/feed.xml'),
  receiveSanityWebhook: signedWebhook,
  listContactTopics: () => httpEvent('GET', '/contact/topics'),
  submitContactMessage: () =>
    httpEvent('POST', '/contact', {
      name: 'Banc d’essai',
      email: `bench.${randomUUID()}@exemple.fr`,
      topic: 'information',
      message: 'Mesure du démarrage à froid.',
      consent: true,
    }),
  getOpenApiDocument: () => httpEvent('GET', '/openapi.json'),
  answerUnmatchedRequest: () => httpEvent('GET', '/nulle-part'),
  sendContactEmails: contactStreamEvent,
  registerForEvent: () =>
    httpEvent(
      'POST',
      `/events/${openEvent.slug.current}/registrations`,
      { name: 'Banc d’essai', email: `bench.${randomUUID()}@exemple.fr`, consent: true },
      { pathParameters: { slug: openEvent.slug.current } },
    ),
  getRegistration: async (stack) =>
    httpEvent('GET', '/registrations/{token}', undefined, {
      pathParameters: { token: await manageLinkToken(stack) },
    }),
  cancelRegistration: async (stack) =>
    httpEvent('DELETE', '/registrations/{token}', undefined, {
      pathParameters: { token: await manageLinkToken(stack) },
    }),
  requestAttendeeList: () =>
    httpEvent('POST', `/events/${openEvent.slug.current}/attendees/link`, undefined, {
      pathParameters: { slug: openEvent.slug.current },
    }),
  getAttendeeList: () =>
    httpEvent('GET', `/events/${openEvent.slug.current}/attendees.csv`, undefined, {
      pathParameters: { slug: openEvent.slug.current },
      queryStringParameters: {
        token: signAttendeeListToken(openEvent._id, Math.floor(Date.now() / 1000) + 3600, localTokenKeyRing),
      },
    }),
  sendRegistrationEmails: () => {
    const registration = registrationItem('confirmed');
    return streamEvent('INSERT', { pk: registration.pk, sk: registration.sk }, registration);
  },
  promoteFromWaitingList: () => {
    const registration = registrationItem('cancelled');
    return streamEvent('MODIFY', { pk: registration.pk, sk: registration.sk }, registration, {
      ...registration,
      status: 'confirmed',
    });
  },
  followEventChanges: () => {
    const before = {
      title: openEvent.title,
      slug: openEvent.slug.current,
      startsAt: openEvent.startsAt,
      endsAt: openEvent.endsAt,
      status: 'scheduled',
    };
    const change = {
      pk: `CHANGE#${openEvent._id}#${randomUUID()}`,
      documentId: openEvent._id,
      type: 'event',
      revision: randomUUID(),
      operation: 'update',
      updatedAt: new Date().toISOString(),
      before,
      after: { ...before, endsAt: new Date(Date.parse(openEvent.endsAt) + 1800_000).toISOString() },
      receivedAt: new Date().toISOString(),
    };
    return streamEvent('INSERT', { pk: change.pk }, change);
  },
  sendAttendeeListLinks: (stack) => {
    const now = new Date().toISOString();
    const request = {
      pk: eventKey(openEvent._id),
      sk: `EXPORT#${randomUUID()}`,
      eventId: openEvent._id,
      slug: openEvent.slug.current,
      apiBaseUrl: stack.apiUrl,
      requestedAt: now,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    };
    return streamEvent('INSERT', { pk: request.pk, sk: request.sk }, request);
  },
  sendEventReminders: () => ({}),
  helloWorld: () => httpEvent('GET', '/'),
};
