import { fieldOfPointer } from '../../functions/shared/forms/formMarkup.ts';
import type { OccurrenceRow } from './submissionFormHtml.ts';

/**
 * Between the submission form and the API: the JSON body a form's values make, the values a
 * recorded submission fills the form with (`GET /submissions/{token}`), and the API's
 * problems as messages by field, a date row's own.
 */

/** Repeated fields (groups of checkboxes), one value per line in the form's state. */
export const submissionArrays = ['themes', 'accessibility'] as const;
const booleans = ['openToAll', 'consent'] as const;

/** The request `POST` and `PUT` take: empty fields left out, dates on the place's wall clock. */
export function submissionBody(
  values: Readonly<Record<string, string>>,
  rows: readonly OccurrenceRow[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) if (value.trim() !== '') body[name] = value;
  for (const name of submissionArrays) body[name] = (values[name] ?? '').split('\n').filter(Boolean);
  for (const name of booleans) body[name] = values[name] === 'true';
  if (typeof body.capacity === 'string' && /^\d+$/.test(body.capacity.trim()))
    body.capacity = Number(body.capacity);
  body.occurrences = rows.map((row) => ({
    startsAt: `${row.day}T${row.start}`,
    endsAt: `${row.day}T${row.end}`,
  }));
  return body;
}

/** A date and time of a zone's wall clock: `{ day: '2027-11-05', time: '14:00' }`. */
function wallClock(instant: string, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The form's values and date rows from a recorded submission's fields (`submissionView`). */
export function valuesOfSubmission(
  fields: Readonly<Record<string, unknown>>,
  timeZone: string,
): { values: Record<string, string>; rows: OccurrenceRow[] } {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) values[name] = value.join('\n');
    else if (typeof value === 'boolean') values[name] = value ? 'true' : '';
    else if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  }
  const occurrences = (fields.occurrences ?? []) as readonly { startsAt: string; endsAt: string }[];
  const rows = occurrences.map(({ startsAt, endsAt }) => {
    const start = wallClock(startsAt, timeZone);
    return { day: start.day, start: start.time, end: wallClock(endsAt, timeZone).time };
  });
  delete values.occurrences;
  // Consent is given again with each edit.
  delete values.consent;
  return { values, rows };
}

/** What a date row lacks, said as the form asks it (the API speaks of its text format). */
const incompleteRow = 'Indiquez le jour, l’heure de début et l’heure de fin.';

/**
 * The API's problems by field (the first of each): a date's own (`#/occurrences/1/startsAt`)
 * as `occurrences-1`, an unknown field's under `''` (shown at the top). A row left incomplete
 * is told what it lacks.
 */
export function submissionErrors(
  problems: readonly { readonly pointer: string; readonly detail: string }[],
  known: readonly string[],
  rows: readonly OccurrenceRow[] = [],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const row = /^#?\/?occurrences\/(\d+)/.exec(problem.pointer)?.[1];
    const field = fieldOfPointer(problem.pointer);
    const name = row !== undefined ? `occurrences-${row}` : known.includes(field) ? field : '';
    const typed = row === undefined ? undefined : rows[Number(row)];
    const incomplete = typed !== undefined && (!typed.day || !typed.start || !typed.end);
    errors[name] ??= incomplete ? incompleteRow : problem.detail;
  }
  return errors;
}
