import { frenchDate } from '../shared/french.ts';
import { pictogramDefinitions } from './accessibilityPictograms.ts';
import type { PrintedEntry, PrintedProgramme } from './programmeContent.ts';
import { typstFont as programmeFont } from './typstCompiler.ts';
import { frenchPunctuation, typstFrenchText, typstString, typstStrings } from './typstText.ts';

/**
 * The booklet's layout, fixed: A5, two columns, French hyphenation, running heads with the
 * region, page numbers outside. Every text arrives as an argument of these functions (string
 * literals), so no content is ever read as markup.
 */
const layout = `
#let accent = rgb("#6b2458")
${pictogramDefinitions}
#set text(font: "${programmeFont}", size: 7.6pt, lang: "fr", region: "FR", hyphenate: true)
#set par(justify: true, leading: 0.48em, spacing: 0.55em)
#set columns(gutter: 5mm)
#set page(
  paper: "a5",
  margin: (inside: 14mm, outside: 11mm, top: 16mm, bottom: 14mm),
  columns: 2,
  header: context {
    let page = here().page()
    let regions = query(heading.where(level: 1)).filter(it => it.location().page() <= page)
    // Not over a region's banner: its first page says it already.
    if page > 2 and regions.len() > 0 and regions.last().location().page() < page {
      set text(size: 6.5pt, fill: accent)
      let left-side = calc.even(page)
      grid(
        columns: (1fr, 1fr),
        align(left, if left-side { campaign-title } else { regions.last().body }),
        align(right, if left-side { regions.last().body } else { campaign-title }),
      )
      v(-0.2em)
      line(length: 100%, stroke: 0.4pt + accent)
    }
  },
  footer: context {
    let page = here().page()
    if page > 1 {
      set text(size: 7pt, fill: accent, weight: "semibold")
      align(if calc.even(page) { left } else { right }, str(page))
    }
  },
)
#show heading.where(level: 1): it => block(width: 100%, fill: accent, inset: (x: 3mm, y: 2.5mm), below: 3mm,
  text(fill: white, size: 13pt, weight: "black", it.body))
#show heading.where(level: 2): it => block(sticky: true, above: 1.1em, below: 0.6em, width: 100%,
  stroke: (bottom: 0.5pt + accent), inset: (bottom: 1.2mm),
  text(fill: accent, size: 8.4pt, weight: "bold", it.body))

#let region(name, count) = {
  pagebreak(weak: true)
  place(top, float: true, scope: "parent", clearance: 3mm, {
    heading(level: 1, name)
    text(size: 7pt, fill: accent, count)
  })
}
#let day(title) = heading(level: 2, outlined: false, title)
#let entry(number, title, hours, format, notice, place, organiser, summary, access, access-details, registration) = block(
  breakable: false, width: 100%, above: 0.6em, below: 0.95em, {
    // Ragged but for the summary: narrow columns would stretch addresses and titles.
    set par(justify: false)
    text(fill: accent, weight: "black", str(number))
    h(0.45em)
    text(weight: "bold", size: 8.4pt, hyphenate: false, title)
    linebreak()
    text(weight: "semibold", hours)
    if format != "" { [ · ] + format }
    if notice != none { [ · ] + text(weight: "bold", fill: accent, upper(notice)) }
    linebreak()
    place
    if organiser != "" { linebreak(); text(style: "italic", organiser) }
    if summary != "" { par(justify: true, summary) }
    set text(size: 6.8pt)
    // The pictograms (explained on the contents page), then what the organiser wrote.
    if access.len() > 0 or access-details != "" {
      block(above: 0.5em, below: 0.4em, {
        for key in access { picto(key); h(0.25em) }
        if access-details != "" { text(fill: accent, access-details) }
      })
    }
    registration
  })
#let commune(name, numbers) = block(above: 0.3em, below: 0.3em, par(hanging-indent: 1em, justify: false,
  [#text(weight: "semibold", name) #h(0.3em) #text(fill: accent, numbers.map(str).join(", "))]))
`;

/** « du 1er au 30 novembre 2027 », « du 28 octobre au 30 novembre 2027 » */
export function campaignDates(startsOn: string, endsOn: string): string {
  const [start, end] = [frenchDate(`${startsOn}T12:00:00Z`), frenchDate(`${endsOn}T12:00:00Z`)];
  const [startDay, startMonth, startYear] = start.split(' ');
  const [, endMonth, endYear] = end.split(' ');
  if (startYear === endYear && startMonth === endMonth) return `du ${startDay} au ${end}`;
  if (startYear === endYear) return `du ${startDay} ${startMonth} au ${end}`;
  return `du ${start} au ${end}`;
}

/** `datetime(year: 2027, month: 9, day: 12)` for `2027-09-12`. */
const typstDate = (day: string): string => {
  const [year, month, date] = day.split('-').map(Number);
  return `datetime(year: ${year}, month: ${month}, day: ${date})`;
};

const count = (n: number, one: string, many: string) =>
  `${new Intl.NumberFormat('fr-FR').format(n)} ${n > 1 ? many : one}`;

function cover(programme: PrintedProgramme): string {
  const { campaign } = programme;
  const regionCount = programme.regions.length;
  return `#page(columns: 1, header: none, footer: none, margin: 14mm, fill: accent)[
#set text(fill: white)
#set par(justify: false)
#text(size: 10pt, weight: "bold", tracking: 0.12em, "PROGRAMME")
#v(1fr)
#text(size: 30pt, weight: "black", campaign-title)
${
  programme.region
    ? `#v(3mm)
#text(size: 18pt, weight: "bold", ${typstString(programme.region)})
`
    : ''
}#v(5mm)
#text(size: 14pt, weight: "semibold", ${typstFrenchText(campaignDates(campaign.startsOn, campaign.endsOn))})
#v(1fr)
#line(length: 100%, stroke: 0.6pt + white)
#text(size: 9pt, ${typstString(
    `${count(programme.eventCount, 'manifestation ouverte', 'manifestations ouvertes')} à toutes et à tous, ${count(regionCount, 'région', 'régions')}.`,
  )})
#linebreak()
#text(size: 8pt, ${typstFrenchText(
    frenchPunctuation(
      `Programme arrêté le ${frenchDate(`${programme.closedOn}T12:00:00Z`)}. Inscription en ligne : ${programme.registrationSite}`,
    ),
  )})
]`;
}

function contents(programme: PrintedProgramme): string {
  return `#page(columns: 1)[
#outline(title: "Sommaire", depth: 1)
#v(1fr)
#pictogram-legend
#v(4mm)
#set text(size: 7pt)
#par(justify: false, ${typstString(
    frenchPunctuation(
      `Chaque manifestation porte un numéro ; l’index des communes, en fin de programme, y renvoie. Horaires en heure locale. Programme arrêté le ${frenchDate(`${programme.closedOn}T12:00:00Z`)} : des manifestations ont pu s’ajouter depuis, en ligne sur ${programme.registrationSite}.`,
    ),
  )})
]`;
}

const prose = (text: string) => typstString(frenchPunctuation(text));

function entry(printed: PrintedEntry): string {
  return `#entry(${[
    String(printed.number),
    prose(printed.title),
    typstString(printed.hours),
    typstString(printed.format),
    printed.notice ? typstString(printed.notice) : 'none',
    typstString(printed.place),
    prose(printed.organiser),
    prose(printed.summary),
    typstStrings(printed.accessibility),
    prose(printed.accessibilityDetails),
    prose(printed.registration),
  ].join(', ')})`;
}

/** The whole booklet's Typst source: layout, cover, contents, regions, index of communes. */
export function programmeSource(programme: PrintedProgramme): string {
  const lines = [
    `#let campaign-title = ${typstString(programme.campaign.title)}`,
    // Dated by its closing day, not by the clock: the same programme is the same file (and asset).
    `#set document(title: ${typstString(`Programme — ${programme.campaign.title}${programme.region ? ` — ${programme.region}` : ''}`)}, date: ${typstDate(programme.closedOn)})`,
    layout,
    cover(programme),
    contents(programme),
  ];
  for (const region of programme.regions) {
    lines.push(
      `#region(${typstString(region.name)}, ${typstString(count(region.eventCount, 'manifestation', 'manifestations'))})`,
    );
    for (const day of region.days) {
      lines.push(`#day(${typstFrenchText(day.title)})`);
      for (const printed of day.entries) lines.push(entry(printed));
    }
  }
  if (programme.communes.length > 0) {
    lines.push('#pagebreak(weak: true)', '#heading(level: 1, "Index des communes")');
    for (const commune of programme.communes)
      lines.push(`#commune(${typstString(commune.name)}, (${commune.numbers.join(', ')},))`);
  }
  return `${lines.join('\n')}\n`;
}
