import { type CompiledPdf, compilePdf, typstFont } from '../printedProgramme/typstCompiler.ts';
import { frenchPunctuation, typstString } from '../printedProgramme/typstText.ts';
import {
  eventPlace,
  frenchDate,
  frenchDateTime,
  frenchTime,
  lazyDateTimeFormat,
  parisWallTime,
} from '../shared/french.ts';
import type { MeetingEvent } from './meetingEvent.ts';
import type { MeetingItem, PublicProfile } from './meetingItems.ts';

const weekday = lazyDateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'Europe/Paris' });

/** « mercredi 20 mai 2031 »: the meeting day as the grid's heading says it. */
const meetingDay = (isoDay: string): string => {
  const noon = parisWallTime(isoDay, 12);
  return `${weekday().format(noon)} ${frenchDate(noon)}`;
};

/**
 * The layout, fixed: A4, a heading per slot with its meetings in a table (table, then each side's
 * name and organisation); a slot is never split across two pages. Every text arrives as a string
 * literal argument, so nothing a participant typed is read as markup.
 */
const layout = `
#let accent = rgb("#6b2458")
#set text(font: "${typstFont}", size: 10pt, lang: "fr", region: "FR")
#set page(paper: "a4", margin: (x: 16mm, top: 16mm, bottom: 18mm),
  footer: context {
    set text(size: 8pt, fill: luma(90))
    grid(columns: (1fr, auto), made-at, [Page #counter(page).display() sur #counter(page).final().first()])
  })
#let person(name, organisation) = [#strong(name) \\ #text(size: 9pt, fill: luma(60), organisation)]
#let slot(time, rows) = block(breakable: false, width: 100%, above: 5mm, {
  block(below: 2mm, text(fill: accent, size: 12pt, weight: "bold", time))
  if rows.len() == 0 {
    text(fill: luma(90), style: "italic", "Aucun rendez-vous à ce créneau.")
  } else {
    table(
      columns: (16mm, 1fr, 1fr),
      inset: (x: 2.5mm, y: 2mm),
      stroke: 0.4pt + luma(170),
      fill: (_, y) => if y == 0 { accent.lighten(85%) },
      table.header(..header.map(it => text(weight: "bold", it))),
      ..rows.map(((table-number, a, b)) => (
        align(center + horizon, text(size: 12pt, weight: "bold", table-number)),
        person(..a),
        person(..b),
      )).flatten(),
    )
  }
})
`;

const literalArray = (items: readonly string[]): string =>
  `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;

/**
 * The Typst source of an event's grid, one block per slot with its scheduled meetings by table
 * (cancelled ones are left out: the grid is what happens on the day). Pure: the tests read it.
 */
export function gridTypstSource(
  event: MeetingEvent,
  meetings: readonly MeetingItem[],
  profiles: ReadonlyMap<string, PublicProfile>,
  now: Date,
): string {
  const text = (value: string) => typstString(frenchPunctuation(value));
  const person = (id: string) => {
    const profile = profiles.get(id);
    return `(${text(profile?.name ?? '(retiré)')}, ${text(profile?.organisation ?? '')})`;
  };
  const scheduled = meetings.filter((meeting) => meeting.status === 'scheduled');
  const place = eventPlace(event, { online: (url) => `En ligne : ${url}`, unknown: '' });
  const slots = event.slots.map((slot) => {
    const rows = scheduled
      .filter((meeting) => meeting.slot === slot.index)
      .sort((x, y) => x.table - y.table)
      .map(
        (meeting) =>
          `(${typstString(String(meeting.table + 1))}, ${person(meeting.a)}, ${person(meeting.b)})`,
      );
    const end = event.slots[slot.index + 1]?.time ?? frenchTime(slot.endsAt);
    return `#slot(${typstString(`${slot.time} – ${end}`)}, ${literalArray(rows)})`;
  });
  return [
    `#let made-at = ${typstString(`État de la grille au ${frenchDateTime(now)}`)}`,
    `#let header = (${typstString('Table')}, ${text(event.sides.a.label)}, ${text(event.sides.b.label)})`,
    layout,
    `#text(size: 18pt, weight: "bold", fill: accent, ${text(event.title)})`,
    `#block(above: 2mm, below: 1mm, text(size: 11pt, ${text(`Grille des rendez-vous du ${meetingDay(event.date)}`)}))`,
    place ? `#text(size: 10pt, fill: luma(60), ${text(place)})` : '',
    `#block(above: 2mm, text(size: 9pt, fill: luma(60), ${text(`${scheduled.length} rendez-vous, ${event.tables} tables, créneaux de ${event.slotMinutes} minutes.`)}))`,
    ...slots,
    '',
  ].join('\n');
}

/** The grid as an A4 PDF, through the printed programme's Typst compiler. */
export const gridPdf = (
  event: MeetingEvent,
  meetings: readonly MeetingItem[],
  profiles: ReadonlyMap<string, PublicProfile>,
  now: Date,
): Promise<CompiledPdf> => compilePdf(gridTypstSource(event, meetings, profiles, now));
