import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { eventPeriod, frenchDate, parisDay, parisMidnight } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';

/**
 * The daily summary of submissions, for the chambers that chose it on their region document
 * (`cress.submissionNotices`: « Un résumé par jour ») instead of one mail per submission: each
 * morning, the submissions received or edited the day before (Paris), one line each with its
 * link to the Studio. Once a day per chamber, whatever the schedule's firings.
 */

/** The Paris day before `now`, as an ISO day and its bounds. */
export function previousParisDay(now: Date): { day: string; from: Date; to: Date } {
  const today = parisDay(now);
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { day: yesterday, from: parisMidnight(yesterday), to: parisMidnight(today) };
}

/** A submitted event as the summary's query reads it (one per date, draft or published). */
export interface SubmittedEventRow {
  readonly _id: string;
  readonly title: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly regionId: string | null;
  readonly organization: string | null;
  readonly submission: string | null;
  readonly version: number | null;
  readonly occurrence: number | null;
}

export interface SummaryLine {
  readonly submission: string;
  readonly title: string;
  readonly organization: string;
  readonly dates: readonly string[];
  readonly edited: boolean;
}

/** One line per submission (its dates together, a draft and its published version once), in order received. */
export function summaryLines(rows: readonly SubmittedEventRow[]): SummaryLine[] {
  const bySubmission = new Map<string, { rows: Map<string, SubmittedEventRow> }>();
  for (const row of rows) {
    if (!row.submission) continue;
    const entry = bySubmission.get(row.submission) ?? { rows: new Map() };
    const id = row._id.replace(/^drafts\./, '');
    if (row._id.startsWith('drafts.') || !entry.rows.has(id)) entry.rows.set(id, row);
    bySubmission.set(row.submission, entry);
  }
  return [...bySubmission.entries()].map(([submission, entry]) => {
    const dates = [...entry.rows.values()].sort((a, b) => (a.occurrence ?? 0) - (b.occurrence ?? 0));
    const first = dates[0] as SubmittedEventRow;
    return {
      submission,
      title: first.title ?? '',
      organization: first.organization ?? '',
      dates: dates.flatMap((row) =>
        row.startsAt && row.endsAt ? [eventPeriod(row.startsAt, row.endsAt)] : [],
      ),
      edited: dates.some((row) => (row.version ?? 1) > 1),
    };
  });
}

/** To a chamber: the day's submissions in its region, each with its link to the Studio. */
export async function chamberDailySummary(
  lines: readonly SummaryLine[],
  context: {
    readonly brand: SiteBrand;
    readonly chamberEmail: string;
    readonly regionName: string;
    readonly day: string;
    readonly studioUrlOf: (submission: string) => string;
  },
): Promise<OutgoingEmail> {
  const day = frenchDate(`${context.day}T12:00:00Z`);
  const count = lines.length === 1 ? 'une proposition' : `${lines.length} propositions`;
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `${count} de manifestation reçue${lines.length > 1 ? 's' : ''} le ${day} en ${context.regionName}.`,
    heading: `Propositions du ${day}`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Voici ${count} de manifestation reçue${lines.length > 1 ? 's' : ''} ou modifiée${lines.length > 1 ? 's' : ''} le ${day} pour la région ${context.regionName}. Elles attendent en brouillon, à l’état « À modérer » : rien n’est publié avant votre décision.`,
      },
      ...lines.flatMap((line) => [
        {
          kind: 'heading' as const,
          level: 3 as const,
          text: `${line.title}${line.edited ? ' (modifiée)' : ''}`,
        },
        {
          kind: 'facts' as const,
          facts: [
            ['Structure', line.organization],
            [line.dates.length > 1 ? 'Dates' : 'Date', line.dates.join(' ; ')],
          ] as const,
        },
        {
          kind: 'link' as const,
          label: 'Modérer dans le Studio',
          href: context.studioUrlOf(line.submission),
        },
      ]),
    ],
    footer: `Vous recevez ce résumé une fois par jour comme chambre régionale de l’ESS de la région ${context.regionName} ; pour un e-mail par proposition, changez le réglage « Propositions de manifestations reçues » de la région dans le Studio.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [context.chamberEmail],
    subject: headerSafe(`[À modérer] ${count} du ${day} — ${context.regionName}`),
    html,
    text,
  };
}
