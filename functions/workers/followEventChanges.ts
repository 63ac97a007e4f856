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
  contentVersion,
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
  const change = unmarshall(image as Record<string, AttributeValue>) as ContentChange;
  const event = refreshedSnapshot(change);
  if (event) {
    const version = contentVersion(change.updatedAt);
    const expiresAt = retentionEnd(event.endsAt, registrationRetentionMonths());
    let updated = 0;
    // Each registration that takes the new details tells its registrant what changed since
    // what they knew (sendRegistrationEmails, on the registrations' own stream).
    for await (const registration of store.registrationsOf(change.documentId, [
      'confirmed',
      'waitlisted',
      'cancelled',
    ])) {
      if (await store.refreshRegistration(registration, event, expiresAt, version)) updated++;
    }
    await store.refreshEventItems(change.documentId, expiresAt, version);
    logger.info('Registrations follow the edited event', {
      eventId: change.documentId,
      revision: change.revision,
      updated,
    });
  }
  if (placesAdded(change)) {
    // The current content, not the change: a later edit may already have taken places back.
    const { value: current } = await readContent(
      eventRegistrationQuery,
      { id: change.documentId },
      { revalidate: true },
    );
    if (!waitingListMoves(current, systemClock.now())) return;
    const promoted = await store.promoteWhilePlacesFree(
      change.documentId,
      current?.registration?.capacity ?? null,
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
 * Stream worker on content changes: when editors edit an event, every registration takes the
 * new details and retention (never older ones: edits are ordered by the event's version, not by
 * arrival), and places added go to the people waiting.
 */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, followChange, processor, { context, processInParallel: false }),
).use(injectLambdaContext(logger, { resetKeys: true }));
