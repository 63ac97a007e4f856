import { parisDay, parisWallTime } from '../shared/french.ts';

/**
 * When digests go out: editors set it in the Studio (`digestSettings`): on or off, the weekday and
 * hour of the weekly digest, the day of the month and hour of the monthly one, in Paris time.
 */
export type DigestFrequency = 'weekly' | 'monthly';

export interface DigestSchedule {
  readonly enabled: boolean;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  readonly weeklyDay: number;
  readonly weeklyHour: number;
  /** 1 to 28: every month has it. */
  readonly monthlyDay: number;
  readonly monthlyHour: number;
  /** How many weeks of upcoming events a digest shows. */
  readonly eventWeeks: number;
}

export const defaultDigestSchedule: DigestSchedule = {
  enabled: false,
  weeklyDay: 1,
  weeklyHour: 8,
  monthlyDay: 1,
  monthlyHour: 8,
  eventWeeks: 4,
};

/**
 * A digest starts if its time came at most this long ago: the schedule fires every 15 minutes,
 * and a stack that was down for longer does not send last week's digest late.
 */
export const digestStartWindowMilliseconds = 3 * 3_600_000;

/** One period's digest: what the schedule starts, once (its id is the send's). */
export interface DueDigest {
  readonly frequency: DigestFrequency;
  readonly sendId: string;
  /** Its scheduled time. */
  readonly dueAt: Date;
  /** The previous digest's scheduled time: articles published since then are in this one. */
  readonly since: Date;
}

const clamp = (value: number, low: number, high: number, fallback: number) =>
  Number.isInteger(value) && value >= low && value <= high ? value : fallback;

/** Settings as editors left them, every value inside its range (a missing one takes its default). */
export function digestScheduleOf(settings: Partial<Record<keyof DigestSchedule, unknown>> | null) {
  const number = (key: keyof DigestSchedule) =>
    typeof settings?.[key] === 'number' ? (settings[key] as number) : Number.NaN;
  return {
    enabled: settings?.enabled === true,
    weeklyDay: clamp(number('weeklyDay'), 1, 7, defaultDigestSchedule.weeklyDay),
    weeklyHour: clamp(number('weeklyHour'), 0, 23, defaultDigestSchedule.weeklyHour),
    monthlyDay: clamp(number('monthlyDay'), 1, 28, defaultDigestSchedule.monthlyDay),
    monthlyHour: clamp(number('monthlyHour'), 0, 23, defaultDigestSchedule.monthlyHour),
    eventWeeks: clamp(number('eventWeeks'), 1, 12, defaultDigestSchedule.eventWeeks),
  } satisfies DigestSchedule;
}

/** `2027-11-14` moved by whole days (calendar arithmetic, no time zone involved). */
const shiftDay = (isoDay: string, days: number): string =>
  new Date(Date.parse(`${isoDay}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
const weekdayOf = (isoDay: string): number => new Date(`${isoDay}T12:00:00Z`).getUTCDay() || 7;

/** The weekly digest's latest scheduled time at or before `now`, and the one before it. */
export function latestWeekly(schedule: DigestSchedule, now: Date): { dueAt: Date; since: Date } {
  const today = parisDay(now);
  let day = shiftDay(today, -((weekdayOf(today) - schedule.weeklyDay + 7) % 7));
  if (parisWallTime(day, schedule.weeklyHour) > now) day = shiftDay(day, -7);
  return {
    dueAt: parisWallTime(day, schedule.weeklyHour),
    since: parisWallTime(shiftDay(day, -7), schedule.weeklyHour),
  };
}

/** `2027-11` moved by whole months, with a day of the month: `2027-10-05`. */
const monthDay = (year: number, month: number, day: number): string => {
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  return date.toISOString().slice(0, 10);
};

/** The monthly digest's latest scheduled time at or before `now`, and the one before it. */
export function latestMonthly(schedule: DigestSchedule, now: Date): { dueAt: Date; since: Date } {
  const [year, month] = parisDay(now).split('-').map(Number) as [number, number];
  let offset = 0;
  if (parisWallTime(monthDay(year, month, schedule.monthlyDay), schedule.monthlyHour) > now) offset = -1;
  return {
    dueAt: parisWallTime(monthDay(year, month + offset, schedule.monthlyDay), schedule.monthlyHour),
    since: parisWallTime(monthDay(year, month + offset - 1, schedule.monthlyDay), schedule.monthlyHour),
  };
}

/** A period's digest id: the same however many times the schedule fires (`digest-weekly-2027-11-08`). */
export const digestSendId = (frequency: DigestFrequency, dueAt: Date): string =>
  `digest-${frequency}-${parisDay(dueAt)}`;

/** The digests whose time has come (and not long ago): none while editors keep them off. */
export function dueDigests(schedule: DigestSchedule, now: Date): DueDigest[] {
  if (!schedule.enabled) return [];
  const latest = { weekly: latestWeekly(schedule, now), monthly: latestMonthly(schedule, now) };
  return (['weekly', 'monthly'] as const)
    .filter((frequency) => now.getTime() - latest[frequency].dueAt.getTime() < digestStartWindowMilliseconds)
    .map((frequency) => ({
      frequency,
      sendId: digestSendId(frequency, latest[frequency].dueAt),
      ...latest[frequency],
    }));
}
