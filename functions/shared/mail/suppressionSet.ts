/**
 * The suppression set: the addresses nothing is ever sent to, one `SUPPRESSED` item per address
 * in the `MailFeedback` table, keyed by the address's keyed hash (never the address itself).
 * The mailer reads it before every send (`suppressions.ts`); the `mailFeedback` feature writes
 * it from SES's notifications, and the operator lifts an entry (`npm run suppression:lift`).
 * Pure: no AWS SDK here, so domain code and the feature's rules can share the key layout.
 */

/** Why an address is suppressed. */
export type SuppressionReason =
  /** A permanent bounce: the address does not exist or refuses mail for good. */
  | 'hardBounce'
  /** Three transient bounces within 30 days. */
  | 'transientBounces'
  /** Its owner marked a mail as spam: every subscription ends too. */
  | 'complaint'
  /** SES did not send because the address is on the account's suppression list. */
  | 'onSuppressionList'
  /** An operator suppressed it by hand, or erased the address (`npm run gdpr -- erase`). */
  | 'operator'
  /** Its owner asked for the erasure of their data from the visitor pages (`personalData`). */
  | 'erasureRequest';

export const suppressionReasons: readonly SuppressionReason[] = [
  'hardBounce',
  'transientBounces',
  'complaint',
  'onSuppressionList',
  'operator',
  'erasureRequest',
];

/** What caused a suppression: the notification (no address, no diagnostic text) or the operator. */
export interface SuppressionSource {
  /** `ses` for a notification, `operator` for a suppression by hand, `erasureRequest` for a self-service erasure. */
  readonly kind: 'ses' | 'operator' | 'erasureRequest';
  /** The self-service erasure request that suppressed the address (its confirmation mail may still go). */
  readonly erasureRequestId?: string;
  readonly eventType?: 'Bounce' | 'Complaint';
  readonly bounceType?: string;
  readonly bounceSubType?: string;
  readonly complaintFeedbackType?: string;
  readonly complaintSubType?: string;
  /** When SES says the bounce or complaint happened. */
  readonly occurredAt?: string;
  readonly sesMessageId?: string;
  readonly snsMessageId?: string;
  readonly configurationSet?: string;
  /** For `transientBounces`: how many transient bounces fell within the window. */
  readonly transientBounces?: number;
}

/** The `SUPPRESSED` item of an address, as stored. */
export interface SuppressionItem {
  readonly pk: string;
  readonly sk: typeof suppressedSortKey;
  readonly reason: SuppressionReason;
  /** When the address was suppressed (ISO 8601). */
  readonly at: string;
  readonly source: SuppressionSource;
  /** Epoch seconds: DynamoDB deletes the item after its retention (the code checks it too). */
  readonly expiresAt: number;
}

/** Items of one address share this partition key: `ADDRESS#<keyed hash>`. */
export const addressPartitionKey = (addressKey: string): string => `ADDRESS#${addressKey}`;
export const suppressedSortKey = 'SUPPRESSED';

/** The key of an address's `SUPPRESSED` item. */
export const suppressionItemKey = (addressKey: string) =>
  ({ pk: addressPartitionKey(addressKey), sk: suppressedSortKey }) as const;

/**
 * How long a suppression is kept: three years after the event, the retention the CNIL advises
 * for prospects' data. The item holds only a keyed hash; once it expires, mailing the address
 * again still needs its owner's new consent (double opt-in).
 */
export const suppressionRetentionDays = 3 * 365;

/** Whether a stored item still suppresses its address at `now` (TTL deletes late, not on time). */
export const isActiveSuppression = (
  item: Pick<SuppressionItem, 'expiresAt'> | undefined,
  now: Date,
): boolean => item !== undefined && item.expiresAt * 1000 > now.getTime();
