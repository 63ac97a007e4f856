import { directoryEntriesFinder } from '../../functions/personalData/directoryFinder.ts';
import { businessMeetingsFinder } from '../../functions/personalData/meetingFinder.ts';
import { registrationFinder } from '../../functions/personalData/registrationFinder.ts';
import { personalDataRequestsFinder } from '../../functions/personalData/requestFinder.ts';
import { eventSubmissionsFinder } from '../../functions/personalData/submissionFinder.ts';
import {
  contactMessagesFinder,
  mailFeedbackFinder,
  rateLimitsFinder,
  subscribersFinder,
} from '../../functions/personalData/tableFinders.ts';
import { deadLettersFinder, sanityDocumentsFinder, sesSuppressionListFinder } from './outsideFinders.ts';
import type { OperatorFinder } from './personalData.ts';

/**
 * Every place the stack keeps personal data, in the order an erasure goes: the suppression
 * first (nothing is mailed while the rest goes, not even a cancellation notice). The tables'
 * finders are `functions/personalData/`'s, which the self-service requests run too
 * (`storedDataFinders`, the same order); the three others need an operator's credentials. A
 * feature that keeps personal data somewhere new (organisers' contacts, directory entries…)
 * writes its finder, found by key or index from the keyed hash, and adds it here (and to
 * `storedDataFinders` when it is a table).
 *
 * Not here, and why: `Idempotency` (what a worker sent: a hash of an internal key and an SES
 * message id, no address; 2 days), `NewsletterSends` chunks (recipients' keyed hashes and
 * outcomes in lists, which no index can reach; 90 days), `ContentChanges` (content only),
 * per-client rate-limit counters (a keyed hash of a network, not of an address).
 */
export const personalDataFinders: readonly OperatorFinder[] = [
  mailFeedbackFinder,
  sesSuppressionListFinder,
  subscribersFinder,
  registrationFinder,
  contactMessagesFinder,
  eventSubmissionsFinder,
  directoryEntriesFinder,
  businessMeetingsFinder,
  rateLimitsFinder,
  personalDataRequestsFinder,
  deadLettersFinder,
  sanityDocumentsFinder,
];
