import * as z from 'zod/mini';
import {
  eventFormats,
  eventThemes,
  frenchRegions,
  legalStatuses,
  valuesOf,
} from '../programme/vocabulary.ts';
import { madeOnFirstUse } from '../shared/madeOnFirstUse.ts';
import { isValidRna, isValidSiret } from './organizationIdentifiers.ts';
import {
  attendanceModeValues,
  disabilityKindValues,
  eligibleLegalStatuses,
  submissionLimits as limits,
  registrationModeValues,
} from './submissionVocabulary.ts';
import './submissionMessages.ts';

/**
 * What an organiser sends (`POST /campaigns/{campaign}/submissions`, and `PUT` through the
 * signed link), validated with zod: one French message per invalid field. Flat, so that a plain
 * HTML form posts the same fields (`accessibility`, `themes` and `occurrences` repeated); what
 * needs the campaign or the communes is checked next (`submissionCriteria.ts`).
 */

const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
/** Text without control characters other than line breaks and tabs. */
const multiLine = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

const requiredText = (max: number, pattern = singleLine) =>
  z
    .string({ error: 'field.required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'field.text.empty' }),
      z.maxLength(max, { error: 'field.text.tooLong' }),
      z.regex(pattern, { error: 'field.text.controlCharacters' }),
    );

/** Optional text: absent, or empty as a plain form sends an unfilled field. */
const optionalText = (max: number) =>
  z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(max, { error: 'field.text.tooLong' }),
        z.regex(singleLine, { error: 'field.text.controlCharacters' }),
      ),
  );

const oneOf = <const T extends readonly string[]>(values: T, error: string) =>
  z.enum(values as unknown as [T[number], ...T[number][]], { error });

const isHttpsUrl = (text: string) => {
  const url = URL.parse(text);
  return url !== null && url.protocol === 'https:' && url.hostname.includes('.');
};

/** A date and time: with its offset (`2027-11-05T14:00:00+01:00`), or on the place's wall clock (`2027-11-05T14:00`). */
export const dateTimePattern =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

// The cross-field checks run on the values as sent, even when a field's own check refused it
// (`null`, a number…): only a non-empty string counts as given.
const isGiven = (text: unknown): text is string => typeof text === 'string' && text !== '';

/**
 * The schema and its parts, built together on first use (`submissionRequestSchema`): building
 * them is most of what the functions that parse it would otherwise run at a cold start.
 */
function buildSchema() {
  const optionalUrl = z.optional(
    z.string().check(
      z.trim(),
      z.maxLength(limits.url, { error: 'field.text.tooLong' }),
      z.refine((text) => text === '' || isHttpsUrl(text), { error: 'submission.url.invalid' }),
    ),
  );

  const dateTime = z
    .string({ error: 'field.required' })
    .check(z.trim(), z.regex(dateTimePattern, { error: 'submission.dateTime.invalid' }));

  /** One date of the event: `{ startsAt, endsAt }`, or `start/end` in one field (ISO 8601 interval, for plain forms). */
  const occurrence = z.union(
    [
      z.strictObject({ startsAt: dateTime, endsAt: dateTime }, { error: 'field.unknownField' }),
      z.string().check(
        z.refine(
          (text) => {
            const [startsAt, endsAt, extra] = text.trim().split('/');
            return (
              extra === undefined &&
              dateTimePattern.test(startsAt ?? '') &&
              dateTimePattern.test(endsAt ?? '')
            );
          },
          { error: 'submission.dateTime.invalid' },
        ),
      ),
    ],
    { error: 'submission.dateTime.invalid' },
  );

  /**
   * A number of places: a number, or its digits as a form sends them (empty: none given). Its
   * range (1 to 100,000) is checked with the registration it goes with, below.
   */
  const capacity = z.optional(
    z.union([z.number(), z.string().check(z.trim(), z.regex(/^\d{0,6}$/))], {
      error: 'submission.capacity.invalid',
    }),
  );

  return z
    .strictObject(
      {
        organizationName: requiredText(limits.organizationName),
        legalStatus: oneOf(valuesOf(legalStatuses), 'submission.legalStatus.unknown').check(
          z.refine((status) => eligibleLegalStatuses.includes(status), {
            error: 'submission.legalStatus.notEligible',
          }),
        ),
        siret: optionalText(30),
        rna: optionalText(20),
        contactName: requiredText(limits.contactName),
        email: z.pipe(
          z
            .string({ error: 'field.required' })
            .check(z.trim(), z.maxLength(limits.email, { error: 'field.text.tooLong' })),
          z.email({ error: 'field.email.invalid' }),
        ),
        phone: z.optional(
          z
            .string()
            .check(z.trim(), z.regex(/^(?:|\+?[\d\s.()-]{6,30})$/, { error: 'submission.phone.invalid' })),
        ),
        title: requiredText(limits.title),
        summary: requiredText(limits.summary, multiLine),
        description: z.optional(
          z.string().check(z.trim(), z.maxLength(limits.description, { error: 'field.text.tooLong' })),
        ),
        essLink: z
          .string({ error: 'submission.essLink.required' })
          .check(
            z.trim(),
            z.minLength(limits.essLinkMin, { error: 'submission.essLink.required' }),
            z.maxLength(limits.essLink, { error: 'field.text.tooLong' }),
          ),
        format: oneOf(valuesOf(eventFormats), 'programme.format.unknown'),
        themes: z
          .array(oneOf(valuesOf(eventThemes), 'programme.theme.unknown'), {
            error: 'submission.themes.count',
          })
          .check(
            z.minLength(1, { error: 'submission.themes.count' }),
            z.maxLength(limits.themes, { error: 'submission.themes.count' }),
            z.refine((themes) => new Set(themes).size === themes.length, {
              error: 'submission.themes.count',
            }),
          ),
        occurrences: z
          .array(occurrence, { error: 'submission.occurrences.count' })
          .check(
            z.minLength(1, { error: 'submission.occurrences.count' }),
            z.maxLength(limits.occurrences, { error: 'submission.occurrences.count' }),
          ),
        attendanceMode: oneOf(attendanceModeValues, 'submission.attendanceMode.unknown'),
        placeName: optionalText(limits.placeName),
        address: optionalText(limits.address),
        postalCode: z.optional(
          z.string().check(z.trim(), z.regex(/^(?:|\d{5})$/, { error: 'submission.postalCode.invalid' })),
        ),
        communeCode: z.optional(
          z
            .string()
            .check(z.trim(), z.regex(/^(?:|\d[\dAB]\d{3})$/, { error: 'submission.commune.unknown' })),
        ),
        onlineUrl: optionalUrl,
        regionCode: z.optional(
          z.string().check(
            z.refine((code) => code === '' || frenchRegions.some((region) => region.code === code), {
              error: 'programme.region.unknown',
            }),
          ),
        ),
        openToAll: z.boolean({ error: 'field.required' }),
        accessibility: z._default(
          z
            .array(oneOf(disabilityKindValues, 'submission.accessibility.unknown'))
            .check(z.maxLength(disabilityKindValues.length)),
          [],
        ),
        registration: oneOf(registrationModeValues, 'submission.registration.unknown'),
        capacity,
        registrationUrl: optionalUrl,
        imageUrl: optionalUrl,
        consent: z.literal(true, { error: 'submission.consent.required' }),
        website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
      },
      { error: 'field.unknownField' },
    )
    .check(
      // Also when other fields are invalid (one pass shows every problem), on the values as sent.
      z.superRefine(
        (request, context) => {
          // One problem per field: a field already refused is not refused again.
          const problem = (path: string, message: string) => {
            if (context.issues.some((issue) => issue.path?.[0] === path)) return;
            context.issues.push({ code: 'custom', path: [path], message, input: request });
          };
          // An organisation is known by its SIRET, or an association by its RNA number.
          if (isGiven(request.siret) && !isValidSiret(request.siret))
            problem('siret', 'submission.siret.invalid');
          if (isGiven(request.rna)) {
            if (request.legalStatus !== 'association') problem('rna', 'submission.rna.associationsOnly');
            else if (!isValidRna(request.rna)) problem('rna', 'submission.rna.invalid');
          }
          if (!isGiven(request.siret) && !isGiven(request.rna))
            problem('siret', 'submission.identifier.required');
          // On site: a place whose commune is chosen from its postcode; online: the region that hosts it.
          if (request.attendanceMode !== 'online') {
            for (const field of ['placeName', 'address', 'postalCode', 'communeCode'] as const)
              if (!isGiven(request[field])) problem(field, 'field.required');
          } else if (!isGiven(request.regionCode)) problem('regionCode', 'submission.region.required');
          if (request.registration === 'essaim') {
            const places =
              typeof request.capacity === 'string'
                ? Number(request.capacity || Number.NaN)
                : request.capacity;
            if (places === undefined || !Number.isInteger(places) || places < 1 || places > limits.capacity)
              problem('capacity', 'submission.capacity.invalid');
          }
          if (request.registration === 'external' && !isGiven(request.registrationUrl))
            problem('registrationUrl', 'field.required');
        },
        { when: ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value) },
      ),
      z.meta({
        id: 'EventSubmissionRequest',
        description:
          'An event submitted to a campaign by its organiser. `occurrences`: each date as `{ startsAt, endsAt }` or `start/end`; a time without offset is on the wall clock of the place (Paris, or the overseas region’s). `website` is a honeypot that people leave empty.',
      }),
    );
}

/** The request's schema, built on its first use rather than at import (`buildSchema`). */
export const submissionRequestSchema = madeOnFirstUse(buildSchema);

export type SubmissionRequest = z.output<ReturnType<typeof submissionRequestSchema>>;
