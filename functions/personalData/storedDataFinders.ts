import { directoryEntriesFinder, directoryEntriesReader } from './directoryFinder.ts';
import { businessMeetingsFinder, businessMeetingsReader } from './meetingFinder.ts';
import type { PersonalDataFinder, PersonalDataReader } from './personalDataFinder.ts';
import { registrationFinder, registrationReader } from './registrationFinder.ts';
import { personalDataRequestsFinder, personalDataRequestsReader } from './requestFinder.ts';
import { eventSubmissionsFinder, eventSubmissionsReader } from './submissionFinder.ts';
import {
  contactMessagesFinder,
  contactMessagesReader,
  mailFeedbackFinder,
  mailFeedbackReader,
  rateLimitsFinder,
  rateLimitsReader,
  subscribersFinder,
  subscribersReader,
} from './tableFinders.ts';

/**
 * The personal data the stack's tables hold, in the order an erasure goes (the suppression
 * first: nothing is mailed while the rest goes, not even a cancellation notice). What a
 * self-service request exports and erases; the operator's `npm run gdpr` runs these too, with
 * what only its credentials reach (`infra/gdpr/finders.ts`: SES's account-level suppression
 * list, the dead-letter queues, the Content Lake). A function has no right on those, and should
 * not: a dead letter names other people too, and the suppression list is the account's.
 */
export const storedDataFinders: readonly PersonalDataFinder[] = [
  mailFeedbackFinder,
  subscribersFinder,
  registrationFinder,
  contactMessagesFinder,
  eventSubmissionsFinder,
  directoryEntriesFinder,
  businessMeetingsFinder,
  rateLimitsFinder,
  personalDataRequestsFinder,
];

/** Their reading halves, in the same order: an export needs nothing else (nor bundles it). */
export const storedDataReaders: readonly PersonalDataReader[] = [
  mailFeedbackReader,
  subscribersReader,
  registrationReader,
  contactMessagesReader,
  eventSubmissionsReader,
  directoryEntriesReader,
  businessMeetingsReader,
  rateLimitsReader,
  personalDataRequestsReader,
];
