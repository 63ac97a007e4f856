import type { EventFormat, EventTheme, LegalStatus } from '../programme/vocabulary.ts';
import { frenchRegions } from '../programme/vocabulary.ts';
import { lazyDateTimeFormat } from '../shared/french.ts';
import type { MessageKey } from '../shared/messages.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { type CampaignDates, campaignPeriod, endOfDay, zonedInstant } from './campaignCalendar.ts';
import type { Commune } from './communes.ts';
import { compactIdentifier } from './organizationIdentifiers.ts';
import type { SubmissionRequest } from './submissionRequest.ts';
import type { AttendanceMode, DisabilityKind, RegistrationMode } from './submissionVocabulary.ts';
import './submissionMessages.ts';

/**
 * A submitted event, as recorded (the `EventSubmissions` table's fact) and as the workers read
 * it: normalised (identifiers compacted, dates as instants, the place's commune, department and
 * region derived from its INSEE code). Pure: no AWS SDK, no zod.
 */
export interface SubmittedEvent {
  readonly title: string;
  readonly summary: string;
  readonly description?: string;
  /** The organiser's own words on the event's link with the ESS (seed 001's criterion). */
  readonly essLink: string;
  readonly format: EventFormat;
  readonly themes: readonly EventTheme[];
  /** One or more dates: one event per date in the programme, linked by the submission's id. */
  readonly occurrences: readonly { readonly startsAt: string; readonly endsAt: string }[];
  readonly attendanceMode: AttendanceMode;
  readonly place?: {
    readonly name: string;
    readonly address: string;
    readonly postalCode: string;
    readonly communeCode: string;
    readonly communeName: string;
    readonly departmentCode: string;
  };
  /** Derived from the commune on site; chosen by the organiser for an online event. */
  readonly regionCode: string;
  readonly onlineUrl?: string;
  readonly openToAll: boolean;
  readonly accessibility: readonly DisabilityKind[];
  readonly registration: {
    readonly mode: RegistrationMode;
    readonly capacity?: number;
    readonly url?: string;
  };
  readonly imageUrl?: string;
}

export interface Submission {
  readonly id: string;
  readonly campaign: { readonly id: string; readonly slug: string; readonly title: string };
  /** 1 when submitted, one more at each edit through the signed link. */
  readonly version: number;
  readonly submittedAt: string;
  readonly updatedAt: string;
  readonly organization: {
    readonly name: string;
    readonly legalStatus: LegalStatus;
    readonly siret?: string;
    readonly rna?: string;
  };
  readonly contact: { readonly name: string; readonly email: string; readonly phone?: string };
  readonly event: SubmittedEvent;
  readonly consent: { readonly textVersion: string; readonly givenAt: string };
  /** The keyed hash of the contact's address: the `byAddress` index finds it for the data controller. */
  readonly addressKey: string;
  /** Epoch seconds: a year after the campaign's last day, DynamoDB deletes it. */
  readonly expiresAt: number;
}

/** A refusal of one field, with its message key and parameters (translated by the route). */
export interface SubmissionProblem {
  readonly pointer: string;
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string>>;
}

/** The campaign as submissions read it (its published document). */
export interface SubmissionCampaign extends CampaignDates {
  readonly _id: string;
  readonly title: string | null;
  readonly slug: string | null;
}

/** How long after the campaign's last day a submission is kept. */
export const submissionRetentionDays = 365;

const given = (text: string | undefined): string | undefined => (text ? text : undefined);
const hasOffset = (text: string) => /(?:Z|[+-]\d{2}:\d{2})$/.test(text);

/** An instant from what the organiser sent: with its offset, or on the wall clock of the place. */
function instantOf(text: string, timeZone: string): Date | null {
  if (hasOffset(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  return zonedInstant(text.replace(/\.\d+$/, ''), timeZone);
}

const frenchDay = lazyDateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const writtenDay = (isoDay: string) => frenchDay().format(new Date(`${isoDay}T00:00:00Z`));

export type CheckedSubmission =
  | { readonly ok: true; readonly event: SubmittedEvent }
  | { readonly ok: false; readonly problems: readonly SubmissionProblem[] };

/**
 * The checks that need the campaign and the communes (the request's schema made the others):
 * the commune is one of its postcode's; every date is a real one, ends after it starts and lies
 * within the campaign's days on the place's wall clock. Answers the event normalised, or every
 * problem at once.
 */
export function checkSubmission(
  request: SubmissionRequest,
  campaign: SubmissionCampaign,
  communesOfPostcode: readonly Commune[],
): CheckedSubmission {
  const problems: SubmissionProblem[] = [];
  let place: SubmittedEvent['place'];
  let regionCode = request.regionCode ?? '';
  if (request.attendanceMode !== 'online') {
    const commune = communesOfPostcode.find((candidate) => candidate.code === request.communeCode);
    if (communesOfPostcode.length === 0)
      problems.push({ pointer: '#/postalCode', key: 'submission.postalCode.unknown' });
    else if (!commune) problems.push({ pointer: '#/communeCode', key: 'submission.commune.unknown' });
    else {
      regionCode = commune.regionCode;
      place = {
        name: request.placeName ?? '',
        address: request.address ?? '',
        postalCode: request.postalCode ?? '',
        communeCode: commune.code,
        communeName: commune.name,
        departmentCode: commune.departmentCode,
      };
    }
  }
  const timeZone = frenchRegions.find((region) => region.code === regionCode)?.timeZone ?? 'Europe/Paris';
  const period = campaignPeriod(campaign, timeZone);
  const occurrences = request.occurrences.flatMap((occurrence, index) => {
    const [startsText, endsText] =
      typeof occurrence === 'string'
        ? occurrence.trim().split('/')
        : [occurrence.startsAt, occurrence.endsAt];
    const startsAt = instantOf(startsText ?? '', timeZone);
    const endsAt = instantOf(endsText ?? '', timeZone);
    const pointer = `#/occurrences/${index}`;
    if (!startsAt || !endsAt) {
      problems.push({ pointer, key: 'submission.dateTime.invalid' });
      return [];
    }
    if (endsAt.getTime() <= startsAt.getTime()) {
      problems.push({ pointer, key: 'submission.occurrence.endBeforeStart' });
      return [];
    }
    if (!period || startsAt < period.starts || endsAt > period.ends) {
      problems.push({
        pointer,
        key: 'submission.occurrence.outsideCampaign',
        params: {
          campaign: campaign.title ?? '',
          startsOn: campaign.startsOn ? writtenDay(campaign.startsOn) : '?',
          endsOn: campaign.endsOn ? writtenDay(campaign.endsOn) : '?',
        },
      });
      return [];
    }
    return [{ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }];
  });
  if (problems.length > 0) return { ok: false, problems };
  const capacity = request.registration === 'essaim' ? Number(request.capacity) : undefined;
  return {
    ok: true,
    event: {
      title: request.title,
      summary: request.summary,
      ...(given(request.description) ? { description: request.description } : {}),
      essLink: request.essLink,
      format: request.format,
      themes: request.themes,
      occurrences: occurrences.sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      attendanceMode: request.attendanceMode,
      ...(place ? { place } : {}),
      regionCode,
      ...(request.attendanceMode !== 'onsite' && given(request.onlineUrl)
        ? { onlineUrl: request.onlineUrl }
        : {}),
      openToAll: request.openToAll,
      accessibility: [...new Set(request.accessibility)],
      registration: {
        mode: request.registration,
        ...(capacity !== undefined ? { capacity } : {}),
        ...(request.registration === 'external' ? { url: request.registrationUrl } : {}),
      },
      ...(given(request.imageUrl) ? { imageUrl: request.imageUrl } : {}),
    },
  };
}

/** What the organiser said of their organisation and themselves, normalised. */
export function organizationAndContact(
  request: SubmissionRequest,
): Pick<Submission, 'organization' | 'contact'> {
  const siret = given(request.siret) && compactIdentifier(request.siret as string);
  const rna =
    request.legalStatus === 'association' && given(request.rna) && compactIdentifier(request.rna as string);
  return {
    organization: {
      name: request.organizationName,
      legalStatus: request.legalStatus,
      ...(siret ? { siret } : {}),
      ...(rna ? { rna } : {}),
    },
    contact: {
      name: request.contactName,
      email: request.email.trim(),
      ...(given(request.phone) ? { phone: request.phone } : {}),
    },
  };
}

/**
 * The submission's id: a keyed hash of the campaign and everything submitted (never readable:
 * it holds the address). The same post twice is the same submission, recorded once.
 */
export function submissionIdOf(
  campaignId: string,
  content: Pick<Submission, 'organization' | 'contact' | 'event'>,
  addressHashKey: string,
): string {
  const hash = keyedAddressHash(addressHashKey, content.contact.email, campaignId, JSON.stringify(content));
  return Buffer.from(hash, 'base64url').toString('hex').slice(0, 24);
}

/** Epoch seconds at which a submission to this campaign is deleted. */
export function submissionExpiry(campaign: CampaignDates, now: Date): number {
  const lastDay = (campaign.endsOn && endOfDay(campaign.endsOn)) || now;
  return Math.ceil(lastDay.getTime() / 1000) + submissionRetentionDays * 86_400;
}
