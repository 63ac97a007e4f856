import { readContent } from '../shared/content/contentReader.ts';
import { type MeetingEvent, meetingEventOf } from './meetingEvent.ts';
import { businessMeetingByIdQuery } from './queries.ts';

/** The event of a participant's link or a stored item (its id), or null when it is gone or incomplete. */
export async function meetingEventById(id: string): Promise<MeetingEvent | null> {
  const { value } = await readContent(businessMeetingByIdQuery, { id });
  return meetingEventOf(value);
}
