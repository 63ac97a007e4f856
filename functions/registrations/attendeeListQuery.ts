import * as z from 'zod';

/** Query of `GET /events/{slug}/attendees.csv`: the token of the mailed link. */
export const attendeeListQuerySchema = z
  .strictObject({ token: z.string({ error: 'field.required' }).max(500) }, { error: 'field.unknownField' })
  .meta({ id: 'AttendeeListQuery' });
