import {
  deadlineInstant,
  openingInstant,
  type SubmissionWindowState,
  submissionWindowState,
} from '../../functions/submissions/campaignCalendar.ts';

/**
 * The campaign's window as `<essaim-submission>` shows it, from its attributes (`starts-on`,
 * `ends-on`, `opens-at`, `closes-at`, `campaign-title`: the campaign document's dates, as the
 * Studio holds them) or, without them, from `GET /campaigns/{campaign}`. A date given alone ends at midnight at its end, Paris time, as the API
 * reads it (`campaignCalendar.ts`). The API remains the judge: it refuses a submission out of
 * the window (403) whatever the page says.
 */
export interface CampaignWindow {
  /** Unknown when the page gave no opening and closing. */
  readonly state: SubmissionWindowState | 'unknown';
  /** « Le Mois de l’ESS 2027 : manifestations du 1er au 30 novembre 2027. Propositions jusqu’au… » */
  readonly text: string;
  /** The campaign's first and last days, the bounds of the date fields. */
  readonly firstDay?: string;
  readonly lastDay?: string;
}

const parisDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const parisTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
});
const calendarDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const firstOfMonth = (text: string) => text.replace(/^1(?= |$)/, '1er').replace(/ 1 /, ' 1er ');

/** « 1er au 30 novembre 2027 », « 28 octobre au 3 novembre 2027 ». */
function daysBetween(first: string, last: string): string {
  const [from, to] = [first, last].map((day) => calendarDay.format(new Date(`${day}T00:00:00Z`)));
  const [fromDay = '', fromMonth = '', fromYear = ''] = (from ?? '').split(' ');
  const sameMonth = first.slice(0, 7) === last.slice(0, 7);
  const start = sameMonth
    ? fromDay
    : first.slice(0, 4) === last.slice(0, 4)
      ? `${fromDay} ${fromMonth}`
      : `${fromDay} ${fromMonth} ${fromYear}`;
  return `du ${firstOfMonth(start)} au ${firstOfMonth(to ?? '')}`;
}

/** « vendredi 15 octobre 2027 inclus » for a midnight deadline, else « … à 18:00 ». */
function closingText(closes: Date): string {
  if (parisTime.format(closes) === '00:00')
    return `${firstOfMonth(parisDay.format(new Date(closes.getTime() - 1)))} inclus`;
  return `${firstOfMonth(parisDay.format(closes))} à ${parisTime.format(closes)}`;
}

const openingText = (opens: Date) =>
  `${firstOfMonth(parisDay.format(opens))}${parisTime.format(opens) === '00:00' ? '' : ` à ${parisTime.format(opens)}`}`;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const isoDay = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** A campaign's dates, as the Studio holds them (and `GET /campaigns/{campaign}` answers them). */
export interface CampaignDays {
  readonly title: string | null;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly submissionsOpenAt: string | null;
  readonly submissionsCloseAt: string | null;
}

/**
 * The window of a campaign's dates: at `now` by the browser's clock, or in the `state` the API
 * gave by the stack's (a visitor's clock may be wrong; the API judges).
 */
export function campaignWindow(
  campaign: CampaignDays,
  now = new Date(),
  state?: SubmissionWindowState,
): CampaignWindow {
  const title = campaign.title || 'La campagne';
  const firstDay = isoDay(campaign.startsOn);
  const lastDay = isoDay(campaign.endsOn);
  const opens = openingInstant(campaign.submissionsOpenAt);
  const closes = deadlineInstant(campaign.submissionsCloseAt);
  const days = firstDay && lastDay ? ` : manifestations ${daysBetween(firstDay, lastDay)}` : '';
  const bounds = { ...(firstDay ? { firstDay } : {}), ...(lastDay ? { lastDay } : {}) };
  if (!opens || !closes) return { state: 'unknown', text: days ? `${title}${days}.` : '', ...bounds };
  const windowState =
    state ??
    submissionWindowState(
      {
        startsOn: firstDay ?? null,
        endsOn: lastDay ?? null,
        submissionsOpenAt: campaign.submissionsOpenAt,
        submissionsCloseAt: campaign.submissionsCloseAt,
      },
      now,
    );
  const text =
    windowState === 'open'
      ? `${capitalised(title)}${days}. Propositions jusqu’au ${closingText(closes)}.`
      : windowState === 'notYetOpen'
        ? `Les propositions pour ${title} ne sont pas encore ouvertes : elles ouvriront le ${openingText(opens)}, jusqu’au ${closingText(closes)}.`
        : `Les propositions pour ${title} sont closes : elles étaient ouvertes jusqu’au ${closingText(closes)}.`;
  return { state: windowState, text, ...bounds };
}

/**
 * The window an element's attributes give (`<essaim-submission>`); null when it gives no
 * opening and closing, and the component asks the API.
 */
export function campaignWindowOf(
  element: { getAttribute(name: string): string | null },
  now = new Date(),
): CampaignWindow | null {
  if (!element.getAttribute('opens-at') || !element.getAttribute('closes-at')) return null;
  return campaignWindow(
    {
      title: element.getAttribute('campaign-title'),
      startsOn: element.getAttribute('starts-on'),
      endsOn: element.getAttribute('ends-on'),
      submissionsOpenAt: element.getAttribute('opens-at'),
      submissionsCloseAt: element.getAttribute('closes-at'),
    },
    now,
  );
}

/** « modifiable jusqu’au vendredi 15 octobre 2027 inclus » for the edit mode. */
export const editableUntilText = (instant: string): string => closingText(new Date(instant));
