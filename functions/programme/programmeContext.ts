import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { confirmedCounts } from './eventCounters.ts';

/** Confirmed registrations of these events (their places left), from the Registrations table. */
export const confirmedCountsOf = (eventIds: readonly string[]): Promise<Map<string, number>> =>
  confirmedCounts(dynamoDbDocumentClient(), tableNameOf('registrations'), eventIds);
