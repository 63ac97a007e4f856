import { programmeHolding } from '../programme/programmeSnapshotReader.ts';
import { eventBySlugQuery } from '../programme/queries.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { DynamoDbRevisionSource } from '../shared/content/contentRevision.ts';
import type { EventBySlugQueryResult } from '../shared/content/sanity.types.ts';

/** What a registration is decided on and keeps of its event. */
export type EventForRegistration = Pick<
  NonNullable<EventBySlugQueryResult>,
  | '_id'
  | '_updatedAt'
  | 'title'
  | 'slug'
  | 'startsAt'
  | 'endsAt'
  | 'venue'
  | 'onlineUrl'
  | 'status'
  | 'registration'
>;

const revisions = new DynamoDbRevisionSource(dynamoDbDocumentClient(), tableNameOf('contentChanges'));

/**
 * The published event with this slug as of the last recorded edit (null: none). One consistent
 * read says when an event last changed; the programme snapshot answers when its Content Lake
 * query began after that (no Content Lake request at the peak, and registrations go on while
 * the Content Lake is slow), else the Content Lake, revalidated, as before the snapshot.
 */
export async function eventForRegistration(slug: string): Promise<EventForRegistration | null> {
  const { revision, typeChangedAt } = await revisions.lastChangeOf('event');
  // Null: no event change recorded with its time yet (a stack just upgraded): the Content Lake.
  const snapshot = typeChangedAt === null ? null : await programmeHolding(typeChangedAt);
  if (snapshot) return snapshot.eventBySlug(slug) ?? null;
  const { value } = await readContent(eventBySlugQuery, { slug }, { atRevision: revision });
  return value;
}
