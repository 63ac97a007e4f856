import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SanityClient } from '@sanity/client';
import type {
  PersonalDataFinder,
  PersonalDataTables,
} from '../../functions/personalData/personalDataFinder.ts';
import type { SqsConnection } from './sqsQueues.ts';

/**
 * The operator's side of the data controller's answers (`npm run gdpr`). The finders of the
 * tables, the export and the erasure are `functions/personalData/`'s, shared with the
 * self-service requests of the visitor pages; what only an operator's credentials reach (SES's
 * account-level suppression list, the dead-letter queues and files, the Content Lake) is here.
 */
export {
  type DataSubject,
  dataSubject,
  erasePersonalData,
  exportPersonalData,
  type PersonalDataErasure,
  type PersonalDataExport,
} from '../../functions/personalData/personalDataFinder.ts';

/** Where a finder looks: the stack's tables and the services around them (local or AWS). */
export interface GdprTarget extends PersonalDataTables {
  readonly ses: SESv2Client;
  /** The local stack (its SES emulator has no account-level suppression list). */
  readonly local: boolean;
  /** Dead letters: NDJSON files locally, SQS queue URLs in AWS. */
  readonly deadLetters: DeadLetterSource;
  /** The Content Lake, when one is reachable (documents that may hold an address). */
  readonly sanity?: SanityClient;
}

export type DeadLetterSource =
  | { readonly kind: 'files'; readonly paths: readonly string[] }
  | { readonly kind: 'queues'; readonly queueUrls: readonly string[]; readonly connection: SqsConnection };

/** A finder of the operator's command: it may need more than the tables. */
export type OperatorFinder = PersonalDataFinder<GdprTarget>;
