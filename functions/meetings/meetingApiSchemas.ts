import * as z from 'zod';

/** The shapes of the business meetings' answers, for the OpenAPI document (`manifest.ts`). */

const profileSchema = z
  .object({ id: z.string(), name: z.string(), organisation: z.string(), offer: z.string() })
  .meta({ id: 'MeetingParticipantProfile' });

const slotSchema = z.object({ time: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() });

export const meetingSpaceSchema = z
  .object({
    event: z.object({
      slug: z.string(),
      title: z.string(),
      date: z.iso.date(),
      place: z.string(),
      sides: z.object({
        a: z.object({ label: z.string(), description: z.string().nullable() }),
        b: z.object({ label: z.string(), description: z.string().nullable() }),
      }),
      slots: z.array(slotSchema),
      tables: z.number().int(),
      wishesDeadline: z.iso.datetime(),
      wishesOpen: z.boolean(),
    }),
    participant: z.object({
      id: z.string(),
      side: z.enum(['a', 'b']),
      name: z.string(),
      organisation: z.string(),
      offer: z.string(),
      email: z.string(),
      availableSlots: z.array(z.string()).meta({ description: 'Times (Paris, `HH:MM`) of the slots.' }),
      registeredAt: z.iso.datetime(),
      confirmed: z.boolean().meta({
        description:
          'Whether they confirmed their address (`POST …/confirmation`, or saving wishes): only then does the other side see their profile.',
      }),
    }),
    others: z
      .array(profileSchema)
      .meta({ description: 'The participants of the other side who confirmed their address.' }),
    wishes: z.array(z.string()).meta({ description: 'Ids of `others`, most wanted first.' }),
    schedule: z
      .array(
        z.object({
          id: z.string(),
          time: z.string(),
          startsAt: z.iso.datetime(),
          endsAt: z.iso.datetime(),
          table: z.number().int().meta({ description: 'From 1.' }),
          status: z.enum(['scheduled', 'cancelled']),
          mutual: z.boolean(),
          with: profileSchema.nullable(),
        }),
      )
      .nullable()
      .meta({
        description: 'The participant’s meetings by time, once the deadline made the grid; null before.',
      }),
  })
  .meta({ id: 'MeetingSpace' });

const gridPersonSchema = z
  .object({ id: z.string(), name: z.string(), organisation: z.string() })
  .nullable()
  .meta({ description: 'Null when the participant left since (erased their data, withdrew).' });

export const meetingGridViewSchema = z
  .object({
    event: z.object({
      slug: z.string(),
      title: z.string(),
      date: z.iso.date(),
      sides: z.object({ a: z.object({ label: z.string() }), b: z.object({ label: z.string() }) }),
      slots: z.array(slotSchema),
      tables: z.number().int().meta({ description: 'Tables are numbered from 1.' }),
    }),
    meetings: z
      .array(
        z.object({
          id: z
            .string()
            .meta({ description: 'As the CSV and `PATCH /meetings/{slug}/grid/{meetingId}` name it.' }),
          time: z.string().meta({ description: 'The slot’s start (Paris, `HH:MM`).' }),
          table: z.number().int().meta({ description: 'From 1.' }),
          status: z.enum(['scheduled', 'cancelled']),
          kind: z.enum(['mutual', 'one-sided']),
          version: z.number().int().meta({ description: 'To send with a change (`PATCH`, `version`).' }),
          a: gridPersonSchema,
          b: gridPersonSchema,
        }),
      )
      .meta({ description: 'By time then table, the cancelled ones last.' }),
    participants: z
      .array(
        z.object({
          id: z.string(),
          side: z.enum(['a', 'b']),
          name: z.string(),
          organisation: z.string(),
          availableSlots: z.array(z.string()).meta({ description: 'Times (Paris, `HH:MM`) of the slots.' }),
        }),
      )
      .meta({
        description:
          'Every registered participant, with the slots they can attend: the moves the grid’s rules allow follow.',
      }),
  })
  .meta({ id: 'MeetingGrid' });
