import type { Subscription } from '../subscriptions/subscription.ts';
import type { Audience, RecipientOutcome, SendCounts, SendState } from './newsletterSend.ts';
import type { ReputationCounts } from './sendReputation.ts';

/**
 * What a chunk's mails need of a recipient, copied from their profile when the page was planned.
 * Used only while fresh (`frozenRecipientsFreshFor`): later, the profiles are read again, so a
 * subscriber who left or was erased meanwhile gets nothing. Removed when the chunk settles.
 */
export type FrozenRecipient = Pick<
  Subscription,
  'id' | 'addressKey' | 'email' | 'name' | 'status' | 'lists' | 'regions' | 'themes' | 'digest'
>;
/** How long a planned chunk may send from its frozen copy instead of reading the profiles again. */
export const frozenRecipientsFreshFor = 60_000;

export interface SendRecord extends SendCounts, ReputationCounts {
  readonly sendId: string;
  readonly newsletterId: string;
  /** A newsletter's real send, its test send, or a period's digest (`newsletterId` is then the send's id). */
  readonly kind: 'send' | 'test' | 'digest';
  readonly state: SendState;
  readonly audience: Audience;
  /** Every chunk: those planned, resent (on `STATE`) and tried again (in the counter shards). */
  readonly chunks: number;
  /** The chunks `STATE` itself counts (planned and resent): the planner's numbering and condition. */
  readonly plannedChunks: number;
  readonly settledChunks: number;
  readonly planCursor?: Record<string, unknown>;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly sendAt?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly pauseReason?: string;
  /** When an editor last resumed it: their decision stands over the automatic pause. */
  readonly resumedAt?: string;
  readonly progressPublishedAt?: string;
  /** The state editors were last shown (a finished send is always shown finished). */
  readonly progressShownState?: SendState;
  readonly chunkSize: number;
  /** A digest's subscribers left out because they had nothing new (never sent, not in the audience). */
  readonly emptyDigests?: number;
}

/** `STATE` as written: the chunks it counts are its own (`plannedChunks` is derived on reading). */
export type StoredSendRecord = Omit<SendRecord, 'plannedChunks'>;

export interface SendContent {
  readonly kind?: undefined;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly newsletterRevision: string;
  /** The sender's display name (the site's brand when sending started). */
  readonly fromName: string;
  /** List titles for `List-Id`, by list id. */
  readonly listTitles: Readonly<Record<string, string>>;
}

export interface Chunk {
  readonly pk: string;
  readonly sendId: string;
  readonly index: string;
  readonly recipients: readonly string[];
  /** The recipients' profiles as planned (wall-clock `plannedAt`, milliseconds); absent on a retry's chunk. */
  readonly frozen?: readonly FrozenRecipient[];
  readonly plannedAt?: number;
  readonly status: 'pending' | 'sending' | 'settled';
  readonly attempts: number;
  readonly outcomes?: Readonly<Record<string, { outcome: RecipientOutcome | 'resent'; reason?: string }>>;
  /** How many times its uncertain recipients were planned again (an editor's decision each time). */
  readonly resends?: number;
}
