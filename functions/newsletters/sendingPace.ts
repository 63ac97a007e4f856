import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sesBulkClient } from '../shared/aws.ts';
import { setting } from '../shared/settings.ts';
import { chunkSize } from './newsletterSend.ts';

let accountQuota: { rate: number; max24Hours: number; readAt: number } | undefined;

/** SES's own figures for the account, read every 5 minutes at most. */
async function accountSendQuota() {
  if (accountQuota && Date.now() - accountQuota.readAt < 300_000) return accountQuota;
  const { SendQuota } = await sesBulkClient().send(new GetAccountCommand({}));
  accountQuota = {
    rate: Math.max(1, SendQuota?.MaxSendRate ?? 1),
    max24Hours: Math.max(1, SendQuota?.Max24HourSend ?? 200),
    readAt: Date.now(),
  };
  return accountQuota;
}

/** Mails per second SES takes from the account: the setting, else `GetAccount` (read every 5 minutes). */
export async function accountSendRate(): Promise<number> {
  return setting('sesSendRate') ?? (await accountSendQuota()).rate;
}

/** What bulk mail may send in any 24 hours: the account's quota less the transactional share. */
export async function bulkDailyQuota(): Promise<number> {
  const quota = setting('sesMax24HourSend') ?? (await accountSendQuota()).max24Hours;
  return Math.max(0, Math.floor(quota * (1 - setting('transactionalShare'))));
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
