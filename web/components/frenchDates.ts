/** French dates in Paris time with the browser's Intl (no date library in the bundle). */
const timeZone = 'Europe/Paris';
const day = new Intl.DateTimeFormat('fr-FR', {
  timeZone,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });
const shortDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** A date as French writes it: the first of the month is « 1er » (« lundi 1er novembre »). */
const written = (format: Intl.DateTimeFormat, date: Date) =>
  format
    .formatToParts(date)
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');

const dateOnly = new Intl.DateTimeFormat('fr-FR', {
  timeZone,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const sameDay = (a: Date, b: Date) => day.format(a) === day.format(b);

/** « 1er novembre 2027 » */
export const frenchDate = (iso: string): string => written(dateOnly, new Date(iso));

/** « samedi 14 novembre 2026, 18:00 – 20:00 », or from one day to another. */
export function frenchPeriod(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  return sameDay(start, end)
    ? `${written(day, start)}, ${time.format(start)} – ${time.format(end)}`
    : `du ${written(day, start)}, ${time.format(start)} au ${written(day, end)}, ${time.format(end)}`;
}

/** « sam. 14 nov., 18:00 » for programme cards. */
export const frenchShortStart = (startsAt: string): string =>
  `${written(shortDay, new Date(startsAt))}, ${time.format(new Date(startsAt))}`;
