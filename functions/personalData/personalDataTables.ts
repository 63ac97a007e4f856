import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { addressHashKeyValue } from '../shared/tokens/tokenKeys.ts';
import type { PersonalDataTables } from './personalDataFinder.ts';

/** The finders' view of the tables, from inside a function (its tables and the `ADDRESS_HASH_KEY` secret). */
export const personalDataTables = async (): Promise<PersonalDataTables> => ({
  dynamoDb: dynamoDbDocumentClient(),
  tableName: tableNameOf,
  addressHashKey: await addressHashKeyValue(),
});
