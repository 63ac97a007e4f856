import * as z from 'zod/mini';

/** Query of `GET /events/{slug}/attendees.csv`: the token of the mailed link. */
export const attendeeListQuerySchema = z
  .strictObject(
    { token: z.string({ error: 'field.required' }).check(z.maxLength(500)) },
    { error: 'field.unknownField' },
  )
  .check(z.meta({ id: 'AttendeeListQuery' }));
