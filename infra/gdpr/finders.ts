import { deadLettersFinder, sanityDocumentsFinder, sesSuppressionListFinder } from './outsideFinders.ts';
import type { PersonalDataFinder } from './personalData.ts';
import { registrationFinder } from './registrationFinder.ts';
import {
  contactMessagesFinder,
  mailFeedbackFinder,
  rateLimitsFinder,
  subscribersFinder,
} from './tableFinders.ts';

/**
 * Every place the stack keeps personal data, in the order an erasure goes: the suppression
 * first (nothing is mailed while the rest goes, not even a cancellation notice). A feature that
 * keeps personal data somewhere new (organisers' contacts, directory entries…) writes its
 * finder, found by key or index from the keyed hash, and adds it here.
 *
 * Not here, and why: `Idempotency` (what a worker sent: a hash of an internal key and an SES
 * message id, no address; 2 days), `NewsletterSends` chunks (recipients' keyed hashes and
 * outcomes in lists, which no index can reach; 90 days), `ContentChanges` (content only),
 * per-client rate-limit counters (a keyed hash of a network, not of an address).
 */
export const personalDataFinders: readonly PersonalDataFinder[] = [
  mailFeedbackFinder,
  sesSuppressionListFinder,
  subscribersFinder,
  registrationFinder,
  contactMessagesFinder,
  rateLimitsFinder,
  deadLettersFinder,
  sanityDocumentsFinder,
];
