// Setting types without zod, as `settings.ts`: every function reads its settings.
import { numberType, type SettingType, settingType } from './settingTypes.ts';

/**
 * The settings of abuse resistance (rate limits, held places, webhook freshness), declared like
 * every other setting (`SettingDeclaration` of `settings.ts`) and spread into
 * `settingDeclarations`: kept apart for the size of `settings.ts`, and importing nothing from
 * it, so there is no cycle.
 */

/** "N per window", as a rate-limit setting spells it: `20/1h`, `5/1h`, `10/15min`, `1/1d`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

const unitSeconds = { s: 1, min: 60, h: 3600, d: 86_400 } as const;

export function parseRateLimit(text: string): RateLimit | null {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,4})\s*(s|min|h|d)\s*$/.exec(text);
  if (!match) return null;
  const limit = Number(match[1]);
  const windowSeconds = Number(match[2]) * unitSeconds[match[3] as keyof typeof unitSeconds];
  // A window longer than a day would keep a counter (a keyed hash of a client) longer than needed.
  return limit >= 1 && windowSeconds >= 1 && windowSeconds <= 86_400 ? { limit, windowSeconds } : null;
}

/** A limit such as `20/1h` (s, min, h or d; a day at most). */
const rateLimit = settingType((text) => parseRateLimit(text) ?? undefined);
const minutes = (max: number) => numberType({ integer: true, min: 1, max });

/** The shape of `SettingDeclaration` (in `settings.ts`), which this module does not import. */
interface Declaration<T> {
  readonly variable: string;
  readonly description: string;
  readonly schema: SettingType<T>;
  readonly fallback: string;
  readonly local?: string;
  readonly context?: string;
  readonly readEachTime?: boolean;
}
const declare = <T>(declaration: Declaration<T>) => declaration;

/** Per client: the source address API Gateway reports (`sourceIp`), IPv6 by its /64. */
const perClient = (what: string) =>
  `${what} per client (its source address as API Gateway reports it, an IPv6 address by its /64), per fixed window; \`429\` above`;

export const abuseSettingDeclarations = {
  rateLimitContact: declare({
    variable: 'RATE_LIMIT_CONTACT',
    description: perClient('Contact messages (`POST /contact`)'),
    schema: rateLimit,
    fallback: '20/1h',
    context: 'rateLimitContact',
  }),
  rateLimitRegistrations: declare({
    variable: 'RATE_LIMIT_REGISTRATIONS',
    description: perClient('Registrations asked for, places and waiting-list places alike'),
    schema: rateLimit,
    fallback: '40/1h',
    context: 'rateLimitRegistrations',
  }),
  rateLimitRegistrationLinks: declare({
    variable: 'RATE_LIMIT_REGISTRATION_LINKS',
    description: perClient('Confirmations and cancellations through mailed registration links'),
    schema: rateLimit,
    fallback: '60/1h',
    context: 'rateLimitRegistrationLinks',
  }),
  rateLimitAttendeeLists: declare({
    variable: 'RATE_LIMIT_ATTENDEE_LISTS',
    description: perClient('Attendee-list links asked for (`POST /events/{slug}/attendees/link`)'),
    schema: rateLimit,
    fallback: '10/1h',
    context: 'rateLimitAttendeeLists',
  }),
  rateLimitSubscriptions: declare({
    variable: 'RATE_LIMIT_SUBSCRIPTIONS',
    description: perClient('Newsletter subscription requests'),
    schema: rateLimit,
    fallback: '30/1h',
    context: 'rateLimitSubscriptions',
  }),
  formMailsPerMailbox: declare({
    variable: 'FORM_MAILS_PER_MAILBOX',
    description:
      'Mails that forms cause to one mailbox, all forms together (registration, contact acknowledgement, attendee-list link, subscription confirmation, personal-data request confirmation, event submission acknowledgement); the mailbox is the address without case, `+tag` or Gmail’s dots. Reminders, notices and newsletters the person asked for are not counted',
    schema: rateLimit,
    fallback: '5/1h',
    context: 'formMailsPerMailbox',
  }),
  registrationHoldMinutes: declare({
    variable: 'REGISTRATION_HOLD_MINUTES',
    description:
      'How long a place stays held for a registrant who has not yet clicked the confirmation link (events that ask for confirmation)',
    schema: minutes(24 * 60),
    fallback: '30',
    context: 'registrationHoldMinutes',
  }),
  webhookMaxAgeMinutes: declare({
    variable: 'WEBHOOK_MAX_AGE_MINUTES',
    description:
      'Oldest signature time the content webhook accepts, in minutes (one more than a minute ahead is refused too); the scheduled resync picks up what it refused',
    schema: minutes(24 * 60),
    fallback: '15',
    context: 'webhookMaxAgeMinutes',
  }),
} as const;
