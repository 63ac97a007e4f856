import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { MeetingChangeStore } from './meetingChangeStore.ts';

export { meetingEventById } from './meetingEvents.ts';

/** The table as the routes reach it. */
export const meetingStore = new MeetingChangeStore(dynamoDbDocumentClient(), tableNameOf('businessMeetings'));
