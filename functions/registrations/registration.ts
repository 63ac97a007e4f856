/**
 * `pending`: waiting for the registrant's click on the confirmation link (events that ask for
 * it, `registration.confirmationRequired`); it may hold a place meanwhile (`holdsPlace`).
 */
export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled';

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
  /** The keyed hash of the address (`addressKey`): one registration per address per event. */
  readonly addressKey: string;
  readonly name: string;
  readonly email: string;
  readonly status: RegistrationStatus;
  readonly registeredAt: string;
  /** Orders the waiting list (first come, first served); set for waitlisted registrations. */
  readonly waitKey?: string;
  /** Pending only: whether a place is held for the registrant, and until when (ISO). */
  readonly holdsPlace?: boolean;
  readonly holdUntil?: string;
  readonly consent: { readonly textVersion: string; readonly givenAt: string };
  readonly event: EventSnapshot;
  /**
   * The version of the event `event` describes (its `_updatedAt`, see `contentVersion`): an
   * edit of an older or the same version changes nothing.
   */
  readonly eventAsOf: string;
  /** Epoch seconds: six months (by default) after the event ends; for a pending one, `pendingExpiresAt`. */
  readonly expiresAt: number;
}

/** The event as registrations keep it, from any of the queries that read an event. */
export function eventSnapshotOf(
  event: {
    _id: string;
    slug: string | null;
    title: string | null;
    startsAt: string | null;
    endsAt: string | null;
    venue?: unknown;
    onlineUrl?: string | null;
    status?: string | null;
  },
  fallbackSlug = '',
): EventSnapshot {
  return {
    id: event._id,
    slug: event.slug ?? fallbackSlug,
    title: event.title ?? '',
    startsAt: event.startsAt ?? '',
    endsAt: event.endsAt ?? event.startsAt ?? '',
    venue: (event.venue as Record<string, unknown> | null | undefined) ?? null,
    onlineUrl: event.onlineUrl ?? null,
    status: event.status ?? null,
  };
}

/** How long a pending registration's confirmation link works. */
export const confirmationLinkHours = 24;

/** When DynamoDB may delete a pending registration: a day after its link stopped working. */
export const pendingExpiresAt = (registeredAt: Date): number =>
  Math.floor(registeredAt.getTime() / 1000) + (confirmationLinkHours + 24) * 3600;

export function retentionEnd(eventEndsAt: string, retentionMonths: number): number {
  const end = new Date(eventEndsAt);
  end.setUTCMonth(end.getUTCMonth() + retentionMonths);
  return Math.floor(end.getTime() / 1000);
}
