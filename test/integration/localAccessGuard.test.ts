import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { SESv2ServiceException, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployedFunction, deployedFunctions } from '../../functions/catalogue.ts';
import type { Access } from '../../functions/manifest.ts';
import { dynamoDbDocumentClient, sesClient } from '../../functions/shared/aws.ts';
import { idempotentMailer } from '../../functions/shared/mail/idempotentMailer.ts';
import type { OutgoingEmail } from '../../functions/shared/mail/outgoingEmail.ts';
import { type AccessDenial, guardFunctionClients, onAccessDenied } from '../../infra/local/accessGuard.ts';
import { toApiGatewayEvent } from '../../infra/local/apiGatewayEvent.ts';
import { runAsFunction } from '../../infra/local/functionContext.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { atTime } from './abuseSupport.ts';
import {
  type DemoEvent,
  demoDocuments,
  mailTo,
  postJson,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

/**
 * The local stack refuses what IAM would refuse in AWS: real function code, run in this process
 * on the local stack's DynamoDB Local and SES emulator, inside the same guard `npm run dev` uses.
 */
const declared = (name: string): DeployedFunction => {
  const fn = deployedFunctions.find((candidate) => candidate.name === name);
  if (!fn) throw new Error(`No function ${name}`);
  return fn;
};
const withAccess = (fn: DeployedFunction, access: Access): DeployedFunction => ({ ...fn, access });
const as = <T>(fn: DeployedFunction, work: () => Promise<T>): Promise<T> =>
  runAsFunction({ function: fn }, work);
const failureOf = (promise: Promise<unknown>): Promise<Error & Record<string, unknown>> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: Error & Record<string, unknown>) => error,
  );

const registrationsTable = localTableName('registrations');
const denials: AccessDenial[] = [];
let stopListening: () => void;

beforeAll(() => {
  useLocalFunctionEnvironment();
  guardFunctionClients();
  stopListening = onAccessDenied((denial) => denials.push(denial));
});
afterAll(() => stopListening());

describe('local access guard', () => {
  it('refuses a write to a table the function may only read, with IAM’s error', async () => {
    const getRegistration = declared('getRegistration');
    expect(getRegistration.access.tables).toEqual({ registrations: 'read' });
    const put = new PutCommand({ TableName: registrationsTable, Item: { pk: 'GUARD#test', sk: 'GUARD' } });
    const error = await failureOf(as(getRegistration, () => dynamoDbDocumentClient().send(put)));
    expect(error).toBeInstanceOf(DynamoDBServiceException);
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$fault).toBe('client');
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(error.message).toBe(
      'User: arn:aws:sts::000000000000:assumed-role/getRegistration-role/getRegistration is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-west-3:000000000000:table/essaim-Registrations because no identity-based policy allows the dynamodb:PutItem action',
    );
    // Reading is what it was granted: the same client answers.
    const get = new GetCommand({ TableName: registrationsTable, Key: { pk: 'GUARD#test', sk: 'GUARD' } });
    await expect(as(getRegistration, () => dynamoDbDocumentClient().send(get))).resolves.toBeDefined();
  });

  it('checks each item of a transaction on its own table, with the action of its kind', async () => {
    const fn = withAccess(declared('registerForEvent'), {
      tables: { registrations: 'readWrite', contentChanges: 'read' },
    });
    const transaction = new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: registrationsTable, Item: { pk: 'GUARD#tx', sk: 'A' } } },
        {
          ConditionCheck: {
            TableName: localTableName('contentChanges'),
            Key: { pk: 'GUARD#tx' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Delete: { TableName: localTableName('idempotency'), Key: { id: 'GUARD#tx' } } },
      ],
    });
    const error = await failureOf(as(fn, () => dynamoDbDocumentClient().send(transaction)));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain(
      'dynamodb:DeleteItem on resource: arn:aws:dynamodb:eu-west-3:000000000000:table/essaim-Idempotency',
    );
  });

  it('refuses SES sends to a function that does not declare sendEmail', async () => {
    const send = new SendEmailCommand({
      FromEmailAddress: 'Essaim <ne-pas-repondre@essaim.localhost>',
      Destination: { ToAddresses: ['personne@exemple.fr'] },
      Content: { Simple: { Subject: { Data: 'Test' }, Body: { Text: { Data: 'Test' } } } },
    });
    const error = await failureOf(as(declared('getEvent'), () => sesClient().send(send)));
    expect(error).toBeInstanceOf(SESv2ServiceException);
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain(
      'assumed-role/getEvent-role/getEvent is not authorized to perform: ses:SendEmail',
    );
  });

  it('refuses an SDK call made outside any function', async () => {
    const get = new GetCommand({ TableName: registrationsTable, Key: { pk: 'GUARD#test', sk: 'GUARD' } });
    const error = await failureOf(dynamoDbDocumentClient().send(get));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toMatch(/^No function is running/);
  });

  it('covers Powertools idempotency, which is given the shared client', async () => {
    const worker = declared('sendContactEmails');
    const email: OutgoingEmail = {
      fromName: 'Essaim (local)',
      to: ['equipe@essaim.localhost'],
      subject: 'Idempotence',
      text: 'Bonjour',
      html: '<p>Bonjour</p>',
    };
    const withoutMarkers = withAccess(worker, { ...worker.access, tables: { contactMessages: 'write' } });
    const mailer = idempotentMailer('guard-test');
    const refused = await failureOf(as(withoutMarkers, () => mailer.sendOnce(`guard-${Date.now()}`, email)));
    const causes: unknown[] = [];
    for (let cause: unknown = refused; cause; cause = (cause as { cause?: unknown }).cause)
      causes.push(cause);
    expect(causes.some((cause) => (cause as Error).name === 'AccessDeniedException')).toBe(true);
    expect(denials.at(-1)?.permission.resource).toContain('table/essaim-Idempotency');
  });

  it('lets a real handler do its work with its manifest’s access, and refuses it one table less', async () => {
    const submit = declared('submitContactMessage');
    const { handler } = (await as(
      submit,
      () => import('../../functions/contact/submitContactMessage.ts'),
    )) as {
      handler: (
        event: APIGatewayProxyEventV2,
        context: Context,
      ) => Promise<APIGatewayProxyStructuredResultV2>;
    };
    const post = (fn: DeployedFunction) => {
      const body = JSON.stringify({
        name: 'Camille Dupont',
        email: uniqueEmail('garde'),
        topic: 'information',
        message: 'Bonjour, une question sur le Mois de l’ESS.',
        consent: true,
      });
      const event = toApiGatewayEvent(
        { headers: { 'content-type': 'application/json' }, httpVersion: '1.1', socket: {} },
        {
          url: new URL('http://127.0.0.1/contact'),
          method: 'POST',
          body: Buffer.from(body),
          routeKey: 'POST /contact',
          domainName: '127.0.0.1:3000',
          requestId: crypto.randomUUID(),
        },
      );
      return as(fn, () => handler(event, lambdaContext(fn.name)));
    };
    const before = denials.length;
    expect((await post(submit)).statusCode).toBe(202);
    expect(denials.length).toBe(before);

    const { contactMessages: _, ...otherTables } = submit.access.tables ?? {};
    const answer = await post(withAccess(submit, { ...submit.access, tables: otherTables }));
    expect(answer.statusCode).toBe(500);
    const denial = denials.at(-1);
    expect(denial?.functionName).toBe('submitContactMessage');
    expect(denial?.error.name).toBe('AccessDeniedException');
    expect(denial?.permission.resource).toBe(
      'arn:aws:dynamodb:eu-west-3:000000000000:table/essaim-ContactMessages',
    );
  });

  it('refuses a secret the manifest does not name, at every use, though another function loaded it first', async () => {
    const submit = declared('submitContactMessage');
    const { addressKey } = await import('../../functions/shared/tokens/tokenKeys.ts');
    // Loaded (and cached in this one process) by a function that declares the secret…
    expect(await as(submit, () => addressKey('a@b.fr'))).toMatch(/^[\w-]{43}$/);
    // …and still refused to one that does not.
    const getRegistration = declared('getRegistration');
    expect(getRegistration.access.secrets).not.toContain('ADDRESS_HASH_KEY');
    const error = await failureOf(as(getRegistration, () => addressKey('a@b.fr')));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain('ssm:GetParameter');
    expect(denials.at(-1)?.functionName).toBe('getRegistration');
  });

  it('lets the scheduled reminders run with their manifest’s access', async () => {
    const event = demoDocuments<DemoEvent>('event').filter(
      (doc) => doc.status === 'scheduled' && doc.registration.capacity === undefined,
    )[44] as DemoEvent;
    const email = uniqueEmail('garde-rappel');
    const registered = await postJson(`/events/${event.slug.current}/registrations`, {
      name: 'Léa Garnier',
      email,
      consent: true,
    });
    expect(registered.status).toBe(201);
    await waitForEmails((all) => mailTo(all, email).length === 1);
    const reminders = declared('sendEventReminders');
    const { handler } = (await as(
      reminders,
      () => import('../../functions/registrations/sendEventReminders.ts'),
    )) as {
      handler: (event: unknown, context: Context) => Promise<{ reminders: number }>;
    };
    const before = denials.length;
    await atTime(new Date(Date.parse(event.startsAt) - 24 * 3600_000).toISOString(), () =>
      as(reminders, () => handler({}, lambdaContext(reminders.name))),
    );
    expect(denials.slice(before)).toEqual([]);
    await waitForEmails((all) => mailTo(all, email).some((mail) => mail.subject.startsWith('C’est demain')));
  });
});
