/**
 * The campaign's dates as instants (pure). Editors give the campaign's days as dates and the
 * submission window as date-times; a deadline given as a date ends at midnight, Paris time, at
 * the end of that day (`2027-09-12` → `2027-09-12T22:00:00Z`), unless editors give a time.
 */

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The offset of a zone at an instant, in milliseconds (Paris in winter: +3,600,000). */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A wall-clock time of a zone (`2027-11-05T14:00`, seconds optional, no offset) as an instant;
 * null for a time that is not a real one (`2027-02-30T10:00`).
 */
export function zonedInstant(localDateTime: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(localDateTime);
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMonth() !== month - 1)
    return null;
  // The offset at the guessed instant, then at the corrected one (a change of time in between).
  const first = asUtc - zoneOffset(asUtc, timeZone);
  return new Date(asUtc - zoneOffset(first, timeZone));
}

/** The first instant of a day in a zone (Paris unless said). */
export const startOfDay = (date: string, timeZone = 'Europe/Paris'): Date | null =>
  isoDate.test(date) ? zonedInstant(`${date}T00:00`, timeZone) : null;

/** The end of a day in a zone: midnight at the start of the next one. */
export function endOfDay(date: string, timeZone = 'Europe/Paris'): Date | null {
  if (!isoDate.test(date)) return null;
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfDay(next.toISOString().slice(0, 10), timeZone);
}

/** A deadline as editors gave it: a date ends at midnight at its end (Paris), a date-time is itself. */
export function deadlineInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  if (isoDate.test(value)) return endOfDay(value);
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The campaign as the submission rules read it (its document in the Content Lake). */
export interface CampaignDates {
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly submissionsOpenAt: string | null;
  readonly submissionsCloseAt: string | null;
}

export type SubmissionWindowState = 'notYetOpen' | 'open' | 'closed';

/** An opening as editors gave it: a date opens at midnight at its start (Paris), a date-time is itself. */
export function openingInstant(value: string | null | undefined): Date | null {
  if (value && isoDate.test(value)) return startOfDay(value);
  return deadlineInstant(value);
}

/** Whether organisers may submit (or edit) at `now`: from the opening to the closing, excluded. */
export function submissionWindowState(campaign: CampaignDates, now: Date): SubmissionWindowState {
  const opens = openingInstant(campaign.submissionsOpenAt);
  const closes = deadlineInstant(campaign.submissionsCloseAt);
  // A campaign without its window is not open: editors have not opened it.
  if (!opens || !closes || now.getTime() < opens.getTime()) return 'notYetOpen';
  return now.getTime() < closes.getTime() ? 'open' : 'closed';
}

/**
 * The campaign's days as instants: from its first day's midnight to its last day's end, on the
 * wall clock of the event's place (Paris; an overseas region's own zone: November is November
 * in Guadeloupe too).
 */
export function campaignPeriod(
  campaign: CampaignDates,
  timeZone = 'Europe/Paris',
): { starts: Date; ends: Date } | null {
  const starts = campaign.startsOn ? startOfDay(campaign.startsOn, timeZone) : null;
  const ends = campaign.endsOn ? endOfDay(campaign.endsOn, timeZone) : null;
  return starts && ends ? { starts, ends } : null;
}
