import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { encodeSignatureHeader } from '@sanity/webhook';
import type { APIGatewayProxyEventV2, DynamoDBStreamEvent } from 'aws-lambda';
import { messageKey } from '../functions/store/contactMessageStore.ts';
import { localWebhookSecret } from '../infra/local/localEnvironment.ts';

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
    before: null,
    after: null,
  });
  const signature = await encodeSignatureHeader(body, Date.now(), localWebhookSecret);
  const event = httpEvent('POST', '/webhooks/sanity', body);
  return { ...event, headers: { ...event.headers, 'sanity-webhook-signature': signature } };
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
export const sampleEvents: Record<string, () => unknown | Promise<unknown>> = {
  listEvents: () => httpEvent('GET', '/events', undefined, { queryStringParameters: { region: '53' } }),
  getEventsCalendar: () =>
    httpEvent('GET', '/events.ics', undefined, { queryStringParameters: { region: '53' } }),
  getEvent: () =>
    httpEvent('GET', '/events/{slug}', undefined, {
      pathParameters: { slug: 'debat-quelle-place-pour-entreprendre-a-plusieurs-a-lorient-lorient' },
    }),
  listRegions: () => httpEvent('GET', '/regions'),
  listArticles: () => httpEvent('GET', '/articles'),
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
  helloWorld: () => httpEvent('GET', '/'),
};
