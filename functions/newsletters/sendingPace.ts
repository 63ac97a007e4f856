import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sesBulkClient } from '../shared/aws.ts';
import { setting } from '../shared/settings.ts';
import { chunkSize } from './newsletterSend.ts';

let accountRate: { rate: number; readAt: number } | undefined;

/** Mails per second SES takes from the account: the setting, else `GetAccount` (read every 5 minutes). */
export async function accountSendRate(): Promise<number> {
  const configured = setting('sesSendRate');
  if (configured !== null) return configured;
  if (accountRate && Date.now() - accountRate.readAt < 300_000) return accountRate.rate;
  const { SendQuota } = await sesBulkClient().send(new GetAccountCommand({}));
  accountRate = { rate: Math.max(1, SendQuota?.MaxSendRate ?? 1), readAt: Date.now() };
  return accountRate.rate;
}

/** What bulk mail may take each second: the account's rate less the transactional share. */
export const bulkSendRate = async (): Promise<number> =>
  Math.max(1, Math.floor((await accountSendRate()) * (1 - setting('transactionalShare'))));

/** Recipients per chunk: 50 (SendBulkEmail's most), fewer when the account sends fewer a second. */
export const chunkSizeFor = (rate: number): number => Math.max(1, Math.min(chunkSize, rate));

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Takes `count` sends from the current second's allowance, shared by every sender of the
 * account (one counter item per second in `NewsletterSends`), waiting for a later second when
 * this one is spent. Wall-clock seconds: this paces SES, whatever clock the domain runs on.
 */
export async function takeSendAllowance(
  client: DynamoDBDocumentClient,
  tableName: string,
  count: number,
  perSecond: number,
  deadline: number,
): Promise<boolean> {
  for (;;) {
    const second = Math.floor(Date.now() / 1000);
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `PACE#${second}`, sk: 'PACE' },
          UpdateExpression: 'ADD used :count SET expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(used) OR used <= :room',
          ExpressionAttributeValues: {
            ':count': count,
            ':room': perSecond - count,
            ':expiresAt': second + 3600,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (Date.now() > deadline) return false;
      await sleep(1000 - (Date.now() % 1000) + Math.random() * 50);
    }
  }
}
