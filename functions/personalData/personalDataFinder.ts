import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableName } from '../catalogue.ts';
import { keyedAddressHash, normaliseEmail } from '../shared/tokens/keyedAddressHash.ts';

/**
 * The data controller's view of one person (RGPD articles 15 and 17): every place the stack
 * keeps something about an address, each behind a `PersonalDataFinder`. Items are found from
 * the address's keyed hash by key or index, never by a scan. The finders of the tables live
 * here, so that the self-service requests (a Lambda) and the operator's `npm run gdpr`
 * (`infra/gdpr/`, which adds what only an operator reaches) run the same code.
 */

/** What a finder of the tables needs: the tables' real names and the key of the keyed hash. */
export interface PersonalDataTables {
  readonly dynamoDb: DynamoDBDocumentClient;
  readonly tableName: (table: TableName) => string;
  /** `ADDRESS_HASH_KEY`: the key of the keyed hash items are filed under. */
  readonly addressHashKey: string;
}

/** The person the request is about. */
export interface DataSubject {
  /** As normalised for every keyed hash (`normaliseEmail`). */
  readonly address: string;
  readonly addressKey: string;
  readonly now: Date;
  /**
   * The self-service erasure request being carried out, if that is what erases: the
   * suppression says so, and the request in progress is left to its worker.
   */
  readonly erasureRequestId?: string;
}

/**
 * One place personal data lives. `find` answers what it holds (JSON; an empty array or
 * `null` when nothing); `erase` erases it and answers what it did, one sentence a line. Both
 * find by key or index; erasing twice is harmless. `Target` is what it needs to reach that
 * place: the tables, or more for the operator's finders (`infra/gdpr/`).
 */
export interface PersonalDataFinder<Target extends PersonalDataTables = PersonalDataTables> {
  readonly name: string;
  /** What it holds and why it is or is not erased, for the export's reader. */
  readonly description: string;
  find(target: Target, subject: DataSubject): Promise<unknown>;
  erase(target: Target, subject: DataSubject): Promise<readonly string[]>;
}

/**
 * A finder's reading half: what an export needs. Kept apart so that a function that only
 * exports (`mailPersonalDataOutcome`) bundles none of the erasures' stores.
 */
export type PersonalDataReader<Target extends PersonalDataTables = PersonalDataTables> = Pick<
  PersonalDataFinder<Target>,
  'name' | 'description' | 'find'
>;

/** A reader and its erasure, one finder (pure: unused, it leaves the erasure out of a bundle). */
export const withErasure = <Target extends PersonalDataTables>(
  reader: PersonalDataReader<Target>,
  erase: PersonalDataFinder<Target>['erase'],
): PersonalDataFinder<Target> => ({ ...reader, erase });

export function dataSubject(
  target: Pick<PersonalDataTables, 'addressHashKey'>,
  address: string,
  now: Date,
  erasureRequestId?: string,
): DataSubject {
  return {
    address: normaliseEmail(address),
    addressKey: keyedAddressHash(target.addressHashKey, address),
    now,
    ...(erasureRequestId ? { erasureRequestId } : {}),
  };
}

export interface PersonalDataExport {
  readonly address: string;
  readonly addressKey: string;
  readonly exportedAt: string;
  readonly data: Record<string, { readonly description: string; readonly found: unknown }>;
}

export async function exportPersonalData<Target extends PersonalDataTables>(
  target: Target,
  finders: readonly PersonalDataReader<Target>[],
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
export async function erasePersonalData<Target extends PersonalDataTables>(
  target: Target,
  finders: readonly PersonalDataFinder<Target>[],
  address: string,
  now = new Date(),
  erasureRequestId?: string,
): Promise<PersonalDataErasure> {
  const subject = dataSubject(target, address, now, erasureRequestId);
  const actions: Record<string, readonly string[]> = {};
  for (const finder of finders) actions[finder.name] = await finder.erase(target, subject);
  return { addressKey: subject.addressKey, erasedAt: now.toISOString(), actions };
}
