import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { readContent } from '../content/contentReader.ts';
import { eventRegistrationQuery } from '../content/queries.ts';
import type { ContentChange } from '../domain/content/contentChange.ts';
import {
  placesAdded,
  refreshedSnapshot,
  waitingListMoves,
} from '../domain/registration/followEventChange.ts';
import { retentionEnd } from '../domain/registration/registration.ts';
import { dynamoDbDocumentClient } from '../platform/aws.ts';
import { systemClock } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { registrationRetentionMonths } from '../platform/registrationSettings.ts';
import { DynamoDbRegistrationStore } from '../store/registrationStore.ts';
import { tableNameOf } from '../tables.ts';

const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));

async function followChange(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (!image) return;
  const change = unmarshall(image as Record<string, AttributeValue>) as ContentChange & {
    receivedAt: string;
  };
  const snapshot = refreshedSnapshot(change);
  if (snapshot) {
    const refreshed = await store.refreshEvent(
      snapshot,
      retentionEnd(snapshot.endsAt, registrationRetentionMonths()),
      change.receivedAt,
    );
    logger.info('Registrations follow the edited event', { eventId: change.documentId, refreshed });
  }
  if (placesAdded(change)) {
    // The current content, not the change: a later edit may already have taken places back.
    const { value: event } = await readContent(
      eventRegistrationQuery,
      { id: change.documentId },
      { revalidate: true },
    );
    if (!waitingListMoves(event, systemClock.now())) return;
    const promoted = await store.promoteWhilePlacesFree(
      change.documentId,
      event?.registration?.capacity ?? null,
      systemClock.now(),
    );
    logger.info('Waiting list checked after places were added', {
      eventId: change.documentId,
      promoted: promoted.length,
    });
  }
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Stream worker on content changes: an event's registrations follow its edits (the details
 * they carry, their retention) and places added by editors go to the people waiting.
 */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context) =>
  // In stream order: two edits of one event are applied as they were made.
  processPartialResponse(event, followChange, processor, { context, processInParallel: false }),
).use(injectLambdaContext(logger, { resetKeys: true }));
