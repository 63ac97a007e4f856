import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createClient } from '@sanity/client';
import { inject } from 'vitest';
import {
  localContentLakeToken,
  localCredentials,
  localFunctionEnvironment,
  localRegion,
  localTableName,
} from '../../infra/local/localEnvironment.ts';
import { demoDatasetPath } from '../../studio/demo/generateDemoDataset.ts';

export const apiUrl = (): string => inject('apiUrl');
/** The hosted pages (`PAGES_URL`) every mailed link opens. */
export const pagesUrl = (): string => inject('pagesUrl');

/** An e-mail as the SES emulator stores it (`GET /store`). */
export interface DeliveredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export async function deliveredEmails(): Promise<DeliveredEmail[]> {
  const response = await fetch(`${inject('sesUrl')}/store`);
  return ((await response.json()) as { emails: DeliveredEmail[] }).emails;
}

/**
 * Waits until `predicate` holds on the inbox (the stream worker sends asynchronously). Generous
 * and unhurried: `npm test` runs the browser tests beside these, and each look fetches the
 * whole inbox (hundreds of mails by the end of the run).
 */
export async function waitForEmails(
  predicate: (emails: DeliveredEmail[]) => boolean,
  timeoutMs = 30_000,
): Promise<DeliveredEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await deliveredEmails();
    if (predicate(emails)) return emails;
    if (Date.now() > deadline) throw new Error(`Inbox never matched; it holds ${emails.length} e-mail(s)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Waits until the stack has nothing left to do (`GET /health/settled`: no request, webhook or
 * topic delivery under way, every stream worker having read its stream to the end), so anything
 * that would (wrongly) still be sent has been, then answers the inbox.
 */
export async function settledEmails(): Promise<DeliveredEmail[]> {
  await settled();
  return deliveredEmails();
}

/** Waits until the local stack has nothing left to do (see `settledEmails`); fails after 60 s. */
export async function settled(): Promise<void> {
  const response = await fetch(`${apiUrl()}/health/settled?timeoutMs=60000`);
  if (!response.ok) throw new Error(`The local stack did not settle: ${await response.text()}`);
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoDbEndpoint'),
      region: localRegion,
      credentials: localCredentials,
    }),
  );
}

export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${apiUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A unique address per test, so tests can find their own mail in the shared inbox. */
export const uniqueEmail = (label: string): string =>
  `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@exemple.fr`;

/** Lets a test import a function module in this process, configured like the local stack's. */
export function useLocalFunctionEnvironment(): void {
  Object.assign(
    process.env,
    localFunctionEnvironment({
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      sesEndpoint: inject('sesUrl'),
      apiUrl: inject('apiUrl'),
      pagesUrl: inject('pagesUrl'),
      contentLakeUrl: inject('contentLakeUrl'),
    }),
    { POWERTOOLS_LOG_LEVEL: 'WARN' },
  );
}

/** A client of the local Content Lake: with the token, what an editor can do; without, any visitor. */
const contentClient = (token?: string) =>
  createClient({
    projectId: 'essaimdemo',
    dataset: 'production',
    apiVersion: '2025-02-19',
    useCdn: false,
    apiHost: inject('contentLakeUrl'),
    useProjectHostname: false,
    ...(token ? { token } : {}),
  });

/** An editor's client (what the Studio does in Sanity). */
export const editorClient = () => contentClient(localContentLakeToken);

/** A visitor's client: no token, as anyone reading a public dataset. */
export const anonymousContentClient = () => contentClient();

/** The demo dataset's documents of one type. */
export function demoDocuments<T>(type: string): T[] {
  return readFileSync(demoDatasetPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { _type: string })
    .filter((doc) => doc._type === type) as T[];
}

/** An event of the demo dataset, as the registration tests use it. */
export interface DemoEvent {
  _id: string;
  _type: string;
  title: string;
  slug: { current: string };
  status: string;
  startsAt: string;
  endsAt: string;
  registration: { enabled?: boolean; capacity?: number; waitingList?: boolean };
}

/** The e-mails one address received. */
export const mailTo = (emails: DeliveredEmail[], address: string): DeliveredEmail[] =>
  emails.filter((mail) => mail.destination.to.includes(address));

/** The manage-link token in a registration e-mail. */
export const tokenIn = (mail: DeliveredEmail | undefined): string =>
  decodeURIComponent(mail?.body.text?.match(/\/inscription\.html\?jeton=([^\s\]&]+)/)?.[1] ?? '');

/** Every item of an event in the Registrations table: counter, registrations, waiting list. */
export async function registrationItemsOf(event: Pick<DemoEvent, '_id'>): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: localTableName('registrations'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `EVENT#${event._id}` },
      ConsistentRead: true,
    }),
  );
  return Items;
}
