import { createHash } from 'node:crypto';
import * as z from 'zod';
import { normaliseEmail } from '../contact/contactMessage.ts';

const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

/** Body of `POST /events/{slug}/registrations`. `website` is a honeypot, as in the contact form. */
export const registrationRequestSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'field.required' })
        .trim()
        .min(1, { error: 'field.text.empty' })
        .max(120, { error: 'field.text.tooLong' })
        .regex(singleLine, { error: 'field.text.controlCharacters' }),
      email: z
        .string({ error: 'field.required' })
        .trim()
        .max(254, { error: 'field.text.tooLong' })
        .pipe(z.email({ error: 'field.email.invalid' })),
      consent: z.literal(true, { error: 'registration.consent.required' }),
      website: z.string().max(500).optional().default(''),
    },
    { error: 'field.unknownField' },
  )
  .meta({ id: 'RegistrationRequest' });

export type RegistrationRequest = z.output<typeof registrationRequestSchema>;

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** What registrants are told about: a snapshot of the event when they registered. */
export interface EventSnapshot {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly venue: Record<string, unknown> | null;
  readonly onlineUrl: string | null;
  /** `scheduled`, `full`, `cancelled` or `postponed` (absent from registrations made before it was kept). */
  readonly status?: string | null;
}

export interface Registration {
  readonly id: string;
  readonly eventId: string;
  readonly emailHash: string;
  readonly name: string;
  readonly email: string;
  readonly status: RegistrationStatus;
  readonly registeredAt: string;
  /** Orders the waiting list (first come, first served); set for waitlisted registrations. */
  readonly waitKey?: string;
  readonly consent: { readonly textVersion: string; readonly givenAt: string };
  readonly event: EventSnapshot;
  /**
   * The version of the event `event` describes (its `_updatedAt`, see `contentVersion`): an
   * edit of an older or the same version changes nothing.
   */
  readonly eventAsOf: string;
  /** Epoch seconds: six months (by default) after the event ends. */
  readonly expiresAt: number;
}

/** One registration per address per event, whatever the case or surrounding spaces. */
export const emailHashOf = (email: string): string =>
  createHash('sha256').update(normaliseEmail(email)).digest('base64url');

export function retentionEnd(eventEndsAt: string, retentionMonths: number): number {
  const end = new Date(eventEndsAt);
  end.setUTCMonth(end.getUTCMonth() + retentionMonths);
  return Math.floor(end.getTime() / 1000);
}
