import * as z from 'zod/mini';
import { madeOnFirstUse } from '../shared/madeOnFirstUse.ts';
import { maximumWishes } from './meetingItems.ts';

/**
 * What a participant sends (`POST /meetings/{slug}/participants`) and their wishes (`PUT
 * /meeting-participants/{token}/wishes`), validated with zod: one message per invalid field.
 * Slots are checked against the event's grid by the handler (the grid is content).
 */
const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
const multiLine = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

const requiredText = (max: number, pattern = singleLine) =>
  z
    .string({ error: 'field.required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'field.text.empty' }),
      z.maxLength(max, { error: 'field.text.tooLong' }),
      z.regex(pattern, { error: 'field.text.controlCharacters' }),
    );

/** A participant's registration. */
export const meetingParticipantRequestSchema = madeOnFirstUse(() => {
  const email = z.pipe(
    z.string({ error: 'field.required' }).check(z.trim(), z.maxLength(254, { error: 'field.text.tooLong' })),
    z.email({ error: 'field.email.invalid' }),
  );

  return z
    .strictObject(
      {
        side: z.enum(['a', 'b'], { error: 'meetings.side.unknown' }),
        name: requiredText(120),
        organisation: requiredText(160),
        offer: requiredText(1000, multiLine),
        slots: z
          // Each time is checked against the event's grid by the handler, which names the grid's times.
          .array(z.string().check(z.maxLength(5, { error: 'meetings.slots.required' })), {
            error: 'meetings.slots.required',
          })
          .check(
            z.minLength(1, { error: 'meetings.slots.required' }),
            z.maxLength(100, { error: 'meetings.slots.required' }),
          ),
        email,
        consent: z.literal(true, { error: 'meetings.consent.required' }),
        website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
      },
      { error: 'field.unknownField' },
    )
    .check(
      z.meta({
        id: 'MeetingParticipantRequest',
        description:
          'A participant registers on one side (`a` or `b`, the event’s two groups). `name`, `organisation` and `offer` (what they offer or seek) are shown to the other side’s participants, hence `consent`. `slots` are the times (Paris, `HH:MM`) of the grid’s slots they can attend. `email` is never shown: it receives the link to their space and their schedule. `website` is a honeypot that people leave empty.',
      }),
    );
});
export type MeetingParticipantRequest = z.output<ReturnType<typeof meetingParticipantRequestSchema>>;

/** A participant's ranked wishes. */
export const meetingWishesSchema = madeOnFirstUse(() =>
  z
    .strictObject(
      {
        wishes: z
          .array(z.string().check(z.regex(/^[0-9a-f]{24}$/, { error: 'meetings.wish.unknown' })), {
            error: 'field.required',
          })
          .check(
            z.maxLength(maximumWishes, { error: 'meetings.wishes.tooMany' }),
            z.refine((list) => new Set(list).size === list.length, { error: 'meetings.wishes.repeated' }),
          ),
      },
      { error: 'field.unknownField' },
    )
    .check(
      z.meta({
        id: 'MeetingWishes',
        description: `Ids of participants of the other side, most wanted first (${maximumWishes} at most). Replaces the previous list.`,
      }),
    ),
);
