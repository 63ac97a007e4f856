import type { SuppressionReason, SuppressionSource } from '../shared/mail/suppressionSet.ts';
import { normaliseEmail } from '../shared/tokens/keyedAddressHash.ts';
import { configurationSetOf, newsletterOf, type RecordedEventType, type SesEvent } from './sesEvent.ts';

/**
 * The rules, ours and stricter than listmonk's defaults, as pure functions: what one SES
 * notification means for each of its recipients, and whether an address is suppressed.
 *
 * - a permanent bounce suppresses the address at once (`hardBounce`), or `onSuppressionList`
 *   when SES did not even try because the address is on the account's suppression list;
 * - transient (and undetermined) bounces count: three within 30 days suppress (`transientBounces`);
 * - a bounce whose subtype says the message, not the address, was refused (`ContentRejected`,
 *   `AttachmentRejected`, `MessageTooLarge`) does not count against the address;
 * - a complaint suppresses (`complaint`; the subscriptions end too), unless its feedback type
 *   says the opposite (`not-spam`);
 * - deliveries and rejects (SES refused the content before sending) are only recorded.
 */

/** What one notification says about one recipient: the fact recorded, keyed by its address's hash. */
export interface FeedbackFact {
  /** The recipient, normalised; only its keyed hash is stored. */
  readonly address: string;
  readonly eventType: RecordedEventType;
  /** When SES says it happened (the bounce's, complaint's or delivery's time; the mail's for a reject). */
  readonly occurredAt: string;
  readonly sesMessageId: string;
  readonly configurationSet?: string;
  /** The newsletter the mail belonged to (its `newsletter` message tag), for the send's bounce and complaint rates. */
  readonly newsletter?: string;
  readonly bounceType?: string;
  readonly bounceSubType?: string;
  /** SES's id of the bounce or complaint report: the same report delivered twice has the same id. */
  readonly feedbackId?: string;
  readonly complaintFeedbackType?: string;
  readonly complaintSubType?: string;
  readonly rejectReason?: string;
}

/** `Name <a@b>` or `a@b`: the bare address, normalised. */
export const bareAddress = (text: string): string => normaliseEmail(/<([^<>]+)>\s*$/.exec(text)?.[1] ?? text);

const iso = (timestamp: string): string => new Date(timestamp).toISOString();

/** One fact per recipient the notification is about (each address once). */
export function feedbackFacts(event: SesEvent): FeedbackFact[] {
  const common = {
    eventType: event.eventType,
    sesMessageId: event.mail.messageId,
    ...(configurationSetOf(event) ? { configurationSet: configurationSetOf(event) } : {}),
    ...(newsletterOf(event) ? { newsletter: newsletterOf(event) } : {}),
  };
  const each = (addresses: readonly string[], details: Omit<FeedbackFact, 'address' | keyof typeof common>) =>
    [...new Set(addresses.map(bareAddress))].map((address) => ({ address, ...common, ...details }));
  switch (event.eventType) {
    case 'Bounce':
      return each(
        event.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
        {
          occurredAt: iso(event.bounce.timestamp),
          bounceType: event.bounce.bounceType,
          bounceSubType: event.bounce.bounceSubType,
          ...(event.bounce.feedbackId ? { feedbackId: event.bounce.feedbackId } : {}),
        },
      );
    case 'Complaint':
      return each(
        event.complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
        {
          occurredAt: iso(event.complaint.timestamp),
          ...(event.complaint.feedbackId ? { feedbackId: event.complaint.feedbackId } : {}),
          ...(event.complaint.complaintFeedbackType
            ? { complaintFeedbackType: event.complaint.complaintFeedbackType }
            : {}),
          ...(event.complaint.complaintSubType ? { complaintSubType: event.complaint.complaintSubType } : {}),
        },
      );
    case 'Delivery':
      return each(event.delivery.recipients, { occurredAt: iso(event.delivery.timestamp) });
    case 'Reject':
      return each(event.mail.destination, {
        occurredAt: iso(event.mail.timestamp),
        rejectReason: event.reject.reason,
      });
  }
}

/** Bounce subtypes that say the message, not the address, was refused. */
export const contentBounceSubTypes: readonly string[] = [
  'ContentRejected',
  'AttachmentRejected',
  'MessageTooLarge',
];

export type FeedbackDecision =
  | { readonly kind: 'suppress'; readonly reason: SuppressionReason }
  /** A transient bounce: it counts; `transientBouncesSuppress` says whether the address is now suppressed. */
  | { readonly kind: 'countTransient' }
  | { readonly kind: 'ignore'; readonly why: 'delivery' | 'reject' | 'contentRefused' | 'notSpam' };

/** What a recorded fact means for its address. */
export function decide(
  fact: Pick<
    FeedbackFact,
    'eventType' | 'bounceType' | 'bounceSubType' | 'complaintFeedbackType' | 'complaintSubType'
  >,
): FeedbackDecision {
  switch (fact.eventType) {
    case 'Delivery':
      return { kind: 'ignore', why: 'delivery' };
    case 'Reject':
      return { kind: 'ignore', why: 'reject' };
    case 'Complaint':
      if (fact.complaintSubType === 'OnAccountSuppressionList')
        return { kind: 'suppress', reason: 'onSuppressionList' };
      if (fact.complaintFeedbackType?.toLowerCase() === 'not-spam') return { kind: 'ignore', why: 'notSpam' };
      return { kind: 'suppress', reason: 'complaint' };
    case 'Bounce':
      if (fact.bounceSubType === 'OnAccountSuppressionList')
        return { kind: 'suppress', reason: 'onSuppressionList' };
      if (fact.bounceSubType && contentBounceSubTypes.includes(fact.bounceSubType))
        return { kind: 'ignore', why: 'contentRefused' };
      if (fact.bounceType === 'Permanent') return { kind: 'suppress', reason: 'hardBounce' };
      // Transient, and Undetermined (SES could not tell): counted, never suppressing alone.
      return { kind: 'countTransient' };
  }
}

export const transientBounceLimit = 3;
export const transientWindowDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * How many transient bounces fall, with the one at `at`, within a window of 30 days: the most
 * over every window that contains `at` (bounces may be recorded out of order, so the window
 * may lie before or after it). `times` holds the address's transient bounces, one per report
 * (`at`'s too; it is added if missing).
 */
export function transientBouncesAround(times: readonly Date[], at: Date): number {
  const window = transientWindowDays * dayMs;
  const instants = times.map((time) => time.getTime());
  if (!instants.includes(at.getTime())) instants.push(at.getTime());
  instants.sort((a, b) => a - b);
  let most = 0;
  for (const start of instants) {
    if (start > at.getTime()) break;
    const count = instants.filter((time) => time >= start && time <= start + window).length;
    if (start + window >= at.getTime()) most = Math.max(most, count);
  }
  return most;
}

/** Whether the transient bounces around `at` suppress the address. */
export const transientBouncesSuppress = (times: readonly Date[], at: Date): boolean =>
  transientBouncesAround(times, at) >= transientBounceLimit;

/** Which reason wins when an address is already suppressed: a complaint replaces any other (the subscriptions must end). */
export const replacesSuppression = (existing: SuppressionReason, incoming: SuppressionReason): boolean =>
  incoming === 'complaint' && existing !== 'complaint';

/** What a suppression records of the fact that caused it: no address, no diagnostic text. */
export function suppressionSource(
  fact: Omit<FeedbackFact, 'address'> & { readonly snsMessageId: string },
  transientBounces?: number,
): SuppressionSource {
  return {
    kind: 'ses',
    ...(fact.eventType === 'Bounce' || fact.eventType === 'Complaint' ? { eventType: fact.eventType } : {}),
    ...(fact.bounceType ? { bounceType: fact.bounceType } : {}),
    ...(fact.bounceSubType ? { bounceSubType: fact.bounceSubType } : {}),
    ...(fact.complaintFeedbackType ? { complaintFeedbackType: fact.complaintFeedbackType } : {}),
    ...(fact.complaintSubType ? { complaintSubType: fact.complaintSubType } : {}),
    occurredAt: fact.occurredAt,
    sesMessageId: fact.sesMessageId,
    snsMessageId: fact.snsMessageId,
    ...(fact.configurationSet ? { configurationSet: fact.configurationSet } : {}),
    ...(transientBounces !== undefined ? { transientBounces } : {}),
  };
}

/** Retention of the facts (a notification per recipient): long enough to look into a suppression. */
export const factRetentionDays = 90;

/** Epoch seconds `days` after `from`, for a TTL attribute. */
export const expiresAfterDays = (from: Date, days: number): number =>
  Math.ceil((from.getTime() + days * dayMs) / 1000);
