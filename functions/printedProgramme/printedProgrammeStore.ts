import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { writeUnlessConditionFails } from '../shared/conflictRetries.ts';

/**
 * How long a run that claimed a campaign's deadline edition may take before another run may take
 * it over: well past the function's timeout (a crashed run never releases its claim).
 */
export const claimMinutes = 10;
/** Studio requests already acted on are remembered this long (a replayed webhook is days old at most). */
const requestRetentionDays = 90;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** What the deadline's edition of a campaign became. */
export interface DeadlineEdition {
  readonly state: 'generating' | 'generated';
  readonly claimedUntil?: string;
  readonly fileUrl?: string;
  readonly generatedAt?: string;
}

/**
 * The `PrintedProgrammes` table: per campaign and deadline, the edition the schedule made
 * (`CAMPAIGN#<id>` / `DEADLINE#<instant>`: claimed, then generated), so it is made once however
 * many times the schedule fires or a run crashes; and the Studio requests acted on
 * (`REQUEST#<id>`).
 */
export class PrintedProgrammeStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  static key(campaignId: string, deadline: Date) {
    return { pk: `CAMPAIGN#${campaignId}`, sk: `DEADLINE#${deadline.toISOString()}` };
  }

  async deadlineEdition(campaignId: string, deadline: Date): Promise<DeadlineEdition | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: PrintedProgrammeStore.key(campaignId, deadline),
        ConsistentRead: true,
      }),
    );
    return Item as DeadlineEdition | undefined;
  }

  /**
   * Claims the deadline's edition for this run: false when it was generated already, or when
   * another run claimed it less than `claimMinutes` ago (it is still at work).
   */
  async claimDeadlineEdition(campaignId: string, deadline: Date, now: Date): Promise<boolean> {
    return writeUnlessConditionFails(() =>
      this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...PrintedProgrammeStore.key(campaignId, deadline),
            state: 'generating',
            claimedAt: now.toISOString(),
            claimedUntil: new Date(now.getTime() + claimMinutes * 60_000).toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :generating AND claimedUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':generating': 'generating', ':now': now.toISOString() },
        }),
      ),
    );
  }

  /** The claimed edition is done: what it became, kept for good (no expiry). */
  async recordDeadlineEdition(
    campaignId: string,
    deadline: Date,
    edition: {
      readonly fileUrl: string;
      readonly generatedAt: string;
      readonly pages: number;
      readonly events: number;
    },
  ): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: PrintedProgrammeStore.key(campaignId, deadline),
        UpdateExpression:
          'SET #state = :generated, fileUrl = :fileUrl, generatedAt = :generatedAt, pages = :pages, events = :events REMOVE claimedUntil',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':generated': 'generated',
          ':fileUrl': edition.fileUrl,
          ':generatedAt': edition.generatedAt,
          ':pages': edition.pages,
          ':events': edition.events,
        },
      }),
    );
  }

  async wasRequestActedOn(requestId: string): Promise<boolean> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: `REQUEST#${requestId}`, sk: 'REQUEST' },
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  async rememberRequest(requestId: string, now: Date): Promise<void> {
    await writeUnlessConditionFails(() =>
      this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            pk: `REQUEST#${requestId}`,
            sk: 'REQUEST',
            actedOnAt: now.toISOString(),
            expiresAt: epochSeconds(now) + requestRetentionDays * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
}
