import type { BusinessMeetingBySlugQueryResult } from '../shared/content/sanity.types.ts';
import { parisWallTime } from '../shared/french.ts';
import type { MeetingSide } from './meetingTypes.ts';

/** A business-meeting document as the queries read it. */
export type BusinessMeetingDocument = NonNullable<BusinessMeetingBySlugQueryResult>;

/** One time slot of the grid: its Paris wall-clock time (« 09:20 ») and its instants. */
export interface MeetingSlot {
  readonly index: number;
  readonly time: string;
  readonly startsAt: string;
  readonly endsAt: string;
}

export interface MeetingSideInfo {
  readonly label: string;
  readonly description: string | null;
}

/** A business-meeting event, complete: what every function of the feature works from. */
export interface MeetingEvent {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string | null;
  readonly updatedAt: string;
  readonly sides: Readonly<Record<MeetingSide, MeetingSideInfo>>;
  readonly date: string;
  readonly slotMinutes: number;
  readonly tables: number;
  readonly slots: readonly MeetingSlot[];
  readonly wishesDeadline: string;
  readonly venue: BusinessMeetingDocument['venue'];
  readonly onlineUrl: string | null;
  readonly organiserEmail: string | null;
}

const timeOfDay = /^([01]\d|2[0-3]):([0-5]\d)$/;

const minutesOf = (value: string | null): number | null => {
  const match = value ? timeOfDay.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The slots of a day: `slotMinutes` long from `first` while they end by `last` (minutes since midnight). */
export function meetingSlots(date: string, first: number, last: number, slotMinutes: number): MeetingSlot[] {
  const count = Math.max(0, Math.floor((last - first) / slotMinutes));
  const dayStart = parisWallTime(date, Math.floor(first / 60)).getTime() + (first % 60) * 60_000;
  return Array.from({ length: count }, (_, index) => {
    const starts = dayStart + index * slotMinutes * 60_000;
    return {
      index,
      time: clock(first + index * slotMinutes),
      startsAt: new Date(starts).toISOString(),
      endsAt: new Date(starts + slotMinutes * 60_000).toISOString(),
    };
  });
}

/**
 * The event as the feature uses it, or null while the document misses what a grid needs (the
 * Studio requires every one of these fields; a draft published half-filled is not open).
 */
export function meetingEventOf(document: BusinessMeetingDocument | null): MeetingEvent | null {
  if (!document) return null;
  const { title, slug, date, slotMinutes, tables, wishesDeadline, sideA, sideB } = document;
  const first = minutesOf(document.firstSlotAt);
  const last = minutesOf(document.lastSlotEndsAt);
  if (
    !title ||
    !slug ||
    !date ||
    !slotMinutes ||
    !tables ||
    !wishesDeadline ||
    !sideA?.label ||
    !sideB?.label
  )
    return null;
  if (first === null || last === null || slotMinutes < 1) return null;
  const slots = meetingSlots(date, first, last, slotMinutes);
  if (slots.length === 0) return null;
  return {
    id: document._id,
    slug,
    title,
    summary: document.summary,
    updatedAt: document._updatedAt,
    sides: {
      a: { label: sideA.label, description: sideA.description },
      b: { label: sideB.label, description: sideB.description },
    },
    date,
    slotMinutes,
    tables,
    slots,
    wishesDeadline,
    venue: document.venue,
    onlineUrl: document.onlineUrl,
    organiserEmail: document.organiserEmail,
  };
}

/** Registrations and wishes are open until the deadline (excluded). */
export const wishesOpen = (event: MeetingEvent, now: Date): boolean =>
  now.getTime() < Date.parse(event.wishesDeadline);

/** The slot that starts at a wall-clock time (« 09:20 »), or undefined. */
export const slotAt = (event: MeetingEvent, time: string): MeetingSlot | undefined =>
  event.slots.find((slot) => slot.time === time);

export const otherSide = (side: MeetingSide): MeetingSide => (side === 'a' ? 'b' : 'a');

/**
 * Participants' data is kept until three months after the meeting day (then DynamoDB's TTL
 * deletes it): time for follow-ups and the organiser's review, not longer. Epoch seconds.
 */
export const retentionEnd = (event: MeetingEvent): number => dayStartSeconds(event) + 92 * 86_400;

/** Midnight in Paris on the meeting day, epoch seconds. */
export const dayStartSeconds = (event: MeetingEvent): number =>
  Math.floor(parisWallTime(event.date, 0).getTime() / 1000);
