import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { batchGetItems } from '../shared/batchGet.ts';

/**
 * Which newsletters the public archive shows: the seam between the sending pipeline and the
 * archive, in this one module. A newsletter is archived once its send has finished; the
 * pipeline records that as the item `pk` = `SEND#<newsletter id>`, `sk` = `ARCHIVED`, with
 * `sentAt` (ISO 8601), in the NewsletterSends table. Why DynamoDB and not the Content Lake: the
 * sending state lives in a private document (`essaim-private.newsletterSending.<id>`) that the
 * functions, reading the Content Lake without a token, cannot see; and nothing editors can set
 * in the Studio decides what is published as sent.
 */
export const sendKey = (newsletterId: string): string => `SEND#${newsletterId}`;
export const archivedKey = 'ARCHIVED';

/** When the newsletter's send finished, or null if it is not archived (never sent, or still sending). */
export async function archivedSentAt(newsletterId: string): Promise<string | null> {
  const { Item } = await dynamoDbDocumentClient().send(
    new GetCommand({
      TableName: tableNameOf('newsletterSends'),
      Key: { pk: sendKey(newsletterId), sk: archivedKey },
      ProjectionExpression: 'sentAt',
    }),
  );
  return typeof Item?.sentAt === 'string' ? Item.sentAt : null;
}

/** `archivedSentAt` of many newsletters at once: the archived ones only. */
export async function archivedSentAts(newsletterIds: readonly string[]): Promise<Map<string, string>> {
  const items = await batchGetItems(
    dynamoDbDocumentClient(),
    tableNameOf('newsletterSends'),
    newsletterIds.map((id) => ({ pk: sendKey(id), sk: archivedKey })),
    'pk, sentAt',
  );
  return new Map(
    items.flatMap((item) =>
      typeof item.sentAt === 'string'
        ? [[(item.pk as string).slice(sendKey('').length), item.sentAt] as const]
        : [],
    ),
  );
}
