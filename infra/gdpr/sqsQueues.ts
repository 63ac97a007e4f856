import { createHash, createHmac } from 'node:crypto';

/**
 * The few SQS calls the data controller's command makes on the stack's dead-letter queues
 * (ListQueues, ReceiveMessage, DeleteMessage, ChangeMessageVisibility), in SQS's JSON protocol
 * signed with Signature Version 4 by hand: the project does not depend on `@aws-sdk/client-sqs`
 * for one operator command. The credentials are those the DynamoDB client resolved.
 */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SqsConnection {
  readonly region: string;
  readonly credentials: () => Promise<AwsCredentials>;
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

async function sqsCall<T>(connection: SqsConnection, action: string, body: object): Promise<T> {
  const host = `sqs.${connection.region}.amazonaws.com`;
  const payload = JSON.stringify(body);
  const credentials = await connection.credentials();
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    host,
    'x-amz-date': amzDate,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
    'x-amz-target': `AmazonSQS.${action}`,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/',
    '',
    ...names.map((name) => `${name}:${headers[name]}`),
    '',
    names.join(';'),
    sha256Hex(payload),
  ].join('\n');
  const scope = `${day}/${connection.region}/sqs/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [connection.region, 'sqs', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const { host: _host, ...sent } = headers;
  const response = await fetch(`https://${host}/`, {
    method: 'POST',
    headers: {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
    body: payload,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`SQS ${action}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** The stack's queues whose names start with these prefixes (`Essaim-<stage>-StreamDeadLetters`…). */
export async function queueUrlsNamed(connection: SqsConnection, prefixes: readonly string[]) {
  const urls: string[] = [];
  for (const QueueNamePrefix of prefixes) {
    const { QueueUrls = [] } = await sqsCall<{ QueueUrls?: string[] }>(connection, 'ListQueues', {
      QueueNamePrefix,
    });
    urls.push(...QueueUrls);
  }
  return urls;
}

export interface QueueMessage {
  readonly queueUrl: string;
  readonly messageId: string;
  readonly body: string;
}

/**
 * Every message of the queues, each received once (hidden meanwhile); those `matches` accepts
 * are deleted when `deleteMatching`, every other one becomes visible again at once.
 */
export async function sweepQueues(
  connection: SqsConnection,
  queueUrls: readonly string[],
  matches: (body: string) => boolean,
  deleteMatching: boolean,
): Promise<QueueMessage[]> {
  const matched: QueueMessage[] = [];
  for (const QueueUrl of queueUrls) {
    const others: string[] = [];
    for (;;) {
      const { Messages = [] } = await sqsCall<{
        Messages?: { MessageId: string; ReceiptHandle: string; Body: string }[];
      }>(connection, 'ReceiveMessage', {
        QueueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 300,
        WaitTimeSeconds: 1,
      });
      if (Messages.length === 0) break;
      for (const message of Messages) {
        if (!matches(message.Body)) {
          others.push(message.ReceiptHandle);
          continue;
        }
        matched.push({ queueUrl: QueueUrl, messageId: message.MessageId, body: message.Body });
        if (deleteMatching)
          await sqsCall(connection, 'DeleteMessage', { QueueUrl, ReceiptHandle: message.ReceiptHandle });
        else others.push(message.ReceiptHandle);
      }
    }
    for (const ReceiptHandle of others)
      await sqsCall(connection, 'ChangeMessageVisibility', { QueueUrl, ReceiptHandle, VisibilityTimeout: 0 });
  }
  return matched;
}
