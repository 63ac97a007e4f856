import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SanityClient } from '@sanity/client';
import type { TableName } from '../../functions/catalogue.ts';
import { keyedAddressHash, normaliseEmail } from '../../functions/shared/tokens/keyedAddressHash.ts';
import type { SqsConnection } from './sqsQueues.ts';

/**
 * The data controller's view of one person (RGPD articles 15 and 17): every place the stack
 * keeps something about an address, each behind a `PersonalDataFinder`. Items are found from
 * the address's keyed hash by key or index, never by a scan.
 */

/** Where a finder looks: the stack's tables and the services around them (local or AWS). */
export interface GdprTarget {
  readonly dynamoDb: DynamoDBDocumentClient;
  readonly tableName: (table: TableName) => string;
  /** `ADDRESS_HASH_KEY`: the key of the keyed hash items are filed under. */
  readonly addressHashKey: string;
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

/** The person the request is about. */
export interface DataSubject {
  /** As normalised for every keyed hash (`normaliseEmail`). */
  readonly address: string;
  readonly addressKey: string;
  readonly now: Date;
}

/**
 * One place personal data lives. `find` answers what it holds (JSON; an empty array or
 * `null` when nothing); `erase` erases it and answers what it did, one sentence a line. Both
 * find by key or index; erasing twice is harmless. A feature that keeps personal data
 * somewhere new adds its finder to `personalDataFinders` (`finders.ts`).
 */
export interface PersonalDataFinder {
  readonly name: string;
  /** What it holds and why it is or is not erased, for the export's reader. */
  readonly description: string;
  find(target: GdprTarget, subject: DataSubject): Promise<unknown>;
  erase(target: GdprTarget, subject: DataSubject): Promise<readonly string[]>;
}

export function dataSubject(
  target: Pick<GdprTarget, 'addressHashKey'>,
  address: string,
  now: Date,
): DataSubject {
  return {
    address: normaliseEmail(address),
    addressKey: keyedAddressHash(target.addressHashKey, address),
    now,
  };
}

export interface PersonalDataExport {
  readonly address: string;
  readonly addressKey: string;
  readonly exportedAt: string;
  readonly data: Record<string, { readonly description: string; readonly found: unknown }>;
}

export async function exportPersonalData(
  target: GdprTarget,
  finders: readonly PersonalDataFinder[],
  address: string,
  now = new Date(),
): Promise<PersonalDataExport> {
  const subject = dataSubject(target, address, now);
  const data: PersonalDataExport['data'] = {};
  for (const finder of finders)
    data[finder.name] = { description: finder.description, found: await finder.find(target, subject) };
  return { address: subject.address, addressKey: subject.addressKey, exportedAt: now.toISOString(), data };
}

export interface PersonalDataErasure {
  readonly addressKey: string;
  readonly erasedAt: string;
  readonly actions: Record<string, readonly string[]>;
}

/** Erases in the finders' order: the suppression comes first, so nothing is mailed meanwhile. */
export async function erasePersonalData(
  target: GdprTarget,
  finders: readonly PersonalDataFinder[],
  address: string,
  now = new Date(),
): Promise<PersonalDataErasure> {
  const subject = dataSubject(target, address, now);
  const actions: Record<string, readonly string[]> = {};
  for (const finder of finders) actions[finder.name] = await finder.erase(target, subject);
  return { addressKey: subject.addressKey, erasedAt: now.toISOString(), actions };
}
