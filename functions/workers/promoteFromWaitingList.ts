import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { readContent } from '../content/contentReader.ts';
import { eventRegistrationQuery } from '../content/queries.ts';
import { waitingListMoves } from '../domain/registration/followEventChange.ts';
import type { Registration } from '../domain/registration/registration.ts';
import { dynamoDbDocumentClient } from '../platform/aws.ts';
import { systemClock } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { DynamoDbRegistrationStore } from '../store/registrationStore.ts';
import { tableNameOf } from '../tables.ts';

const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));

async function promoteAfter(record: DynamoDBRecord): Promise<void> {
  const before =
    record.dynamodb?.OldImage &&
    (unmarshall(record.dynamodb.OldImage as Record<string, AttributeValue>) as Registration);
  const after =
    record.dynamodb?.NewImage &&
    (unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as Registration);
  if (!before || !after || before.status !== 'confirmed' || after.status !== 'cancelled') return;
  const { value: event } = await readContent(
    eventRegistrationQuery,
    { id: after.eventId },
    { revalidate: true },
  );
  if (!waitingListMoves(event, systemClock.now())) return;
  const capacity = event?.registration?.capacity ?? null;
  // The freed place is given at most once (the counter's condition), whatever the retries.
  const promoted = await store.promoteNext(after.eventId, capacity, systemClock.now());
  logger.info('Waiting list checked after a cancellation', {
    eventId: after.eventId,
    promoted: promoted?.id ?? null,
  });
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Stream worker: when a confirmed registration is cancelled, the first person waiting gets the place. */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, promoteAfter, processor, { context }),
).use(injectLambdaContext(logger, { resetKeys: true }));
