import * as z from 'zod/mini';
import { madeOnFirstUse } from '../shared/madeOnFirstUse.ts';

/** What the organiser's routes take: the mailed link's token, and a change of one meeting. */

/**
 * An organiser's change of one meeting: a new time and table, or its cancellation. Built on its
 * first use, not at import (only `changeMeeting` parses it; building it is import work otherwise).
 */
function buildChangeSchema() {
  return z
    .strictObject(
      {
        time: z.optional(z.string().check(z.regex(/^\d{2}:\d{2}$/, { error: 'meetings.change.incomplete' }))),
        table: z.optional(z.int({ error: 'meetings.change.incomplete' })),
        cancelled: z.optional(z.literal(true, { error: 'meetings.change.incomplete' })),
        version: z.optional(z.int({ error: 'meetings.change.versionInvalid' })),
      },
      { error: 'field.unknownField' },
    )
    .check(
      z.meta({
        id: 'MeetingChange',
        description:
          'Move the meeting to the slot starting at `time` (Paris, `HH:MM`) at `table` (from 1), or cancel it with `cancelled: true`. With `version` (the meeting’s, as `GET /meetings/{slug}/grid` gave it), the change is made only if the meeting is still at that version: a `409` otherwise.',
      }),
    );
}

/** The change's schema (`buildChangeSchema`), made on its first use. */
export const meetingChangeSchema = madeOnFirstUse(buildChangeSchema);

/** Query of the organiser's routes: the token of the mailed link. */
export const meetingGridQuerySchema = z
  .strictObject(
    { token: z.string({ error: 'field.required' }).check(z.maxLength(500)) },
    { error: 'field.unknownField' },
  )
  .check(z.meta({ id: 'MeetingGridQuery' }));
