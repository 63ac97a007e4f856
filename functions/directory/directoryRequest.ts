import * as z from 'zod/mini';
import { frenchRegions } from '../programme/vocabulary.ts';
import {
  directorySectorValues,
  essFamilyValues,
  exchangeKindValues,
  directoryLimits as limits,
  type PublicFieldName,
  publicFieldNames,
} from './directoryVocabulary.ts';
import './directoryMessages.ts';

/**
 * What a member sends (`POST /directory/entries`, and `PUT` through the signed link), validated
 * with zod: one French message per invalid field, every field at once. Every field that becomes
 * public needs its own consent (`publicFields`): a field given without it is refused at the
 * field, never published silently nor dropped silently.
 */

const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
/** Text without control characters other than line breaks and tabs. */
const multiLine = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

const requiredText = (max: number) =>
  z
    .string({ error: 'field.required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'field.text.empty' }),
      z.maxLength(max, { error: 'field.text.tooLong' }),
      z.regex(singleLine, { error: 'field.text.controlCharacters' }),
    );

/** Optional text: absent, or empty as an unfilled field. */
const optionalText = (max: number, pattern = singleLine) =>
  z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(max, { error: 'field.text.tooLong' }),
        z.regex(pattern, { error: 'field.text.controlCharacters' }),
      ),
  );

const email = z.pipe(
  z
    .string({ error: 'field.required' })
    .check(z.trim(), z.maxLength(limits.email, { error: 'field.text.tooLong' })),
  z.email({ error: 'field.email.invalid' }),
);

const oneOf = <const T extends readonly string[]>(values: T, error: string) =>
  z.enum(values as unknown as [T[number], ...T[number][]], { error });

/** A list of distinct values of a vocabulary, `min` to `max` of them. */
const distinctList = <const T extends readonly string[]>(
  values: T,
  unknown: string,
  count: string,
  min: number,
  max: number,
) =>
  z.array(oneOf(values, unknown), { error: count }).check(
    z.minLength(min, { error: count }),
    z.maxLength(max, { error: count }),
    z.refine((list) => new Set(list).size === list.length, { error: count }),
  );

export const isHttpsUrl = (text: string): boolean => {
  const url = URL.parse(text);
  return url !== null && url.protocol === 'https:' && url.hostname.includes('.');
};

/** The fields of an entry, as a member writes them (the address it is confirmed with apart). */
const entryFields = {
  name: requiredText(limits.name),
  organization: requiredText(limits.organization),
  role: optionalText(limits.role),
  region: z.string({ error: 'field.required' }).check(
    z.refine((code) => frenchRegions.some((region) => region.code === code), {
      error: 'programme.region.unknown',
    }),
  ),
  sectors: distinctList(
    directorySectorValues,
    'directory.sector.unknown',
    'directory.sectors.count',
    1,
    limits.sectors,
  ),
  families: distinctList(
    essFamilyValues,
    'directory.family.unknown',
    'directory.families.count',
    1,
    limits.families,
  ),
  offers: z._default(
    distinctList(exchangeKindValues, 'directory.exchange.unknown', 'directory.exchange.unknown', 0, 99),
    [],
  ),
  offerDetails: optionalText(limits.details, multiLine),
  needs: z._default(
    distinctList(exchangeKindValues, 'directory.exchange.unknown', 'directory.exchange.unknown', 0, 99),
    [],
  ),
  needDetails: optionalText(limits.details, multiLine),
  publicEmail: z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(limits.email, { error: 'field.text.tooLong' })),
      z.union([z.literal(''), z.email()], { error: 'field.email.invalid' }),
    ),
  ),
  links: z._default(
    z
      .array(
        z
          .string({ error: 'submission.url.invalid' })
          .check(
            z.trim(),
            z.maxLength(limits.url, { error: 'field.text.tooLong' }),
            z.refine(isHttpsUrl, { error: 'submission.url.invalid' }),
          ),
        { error: 'directory.links.count' },
      )
      .check(z.maxLength(limits.links, { error: 'directory.links.count' })),
    [],
  ),
  publicFields: z._default(
    z.array(oneOf(publicFieldNames, 'directory.publicFields.unknown'), {
      error: 'directory.publicFields.unknown',
    }),
    [],
  ),
  consent: z.literal(true, { error: 'directory.consent.required' }),
};

const isGiven = (value: unknown): boolean =>
  (typeof value === 'string' && value.trim() !== '') || (Array.isArray(value) && value.length > 0);

/** Whether a public field is given in a request, on the values as sent (offers and needs with their details). */
export function givenPublicFields(request: Record<string, unknown>): PublicFieldName[] {
  const given = (field: PublicFieldName): boolean => {
    if (field === 'offers') return isGiven(request.offers) || isGiven(request.offerDetails);
    if (field === 'needs') return isGiven(request.needs) || isGiven(request.needDetails);
    return isGiven(request[field]);
  };
  return publicFieldNames.filter(given);
}

/** Fields every entry shows: without their consent, there is no entry to publish. */
const alwaysPublic: readonly PublicFieldName[] = ['name', 'organization', 'region', 'sectors', 'families'];

/**
 * The checks across fields, on the values as sent (one pass shows every problem): something
 * offered or sought, and a consent for each public field given.
 */
const crossFieldChecks = z.superRefine<Record<string, unknown>>(
  (request, context) => {
    const problem = (path: string, message: string) => {
      if (context.issues.some((issue) => issue.path?.[0] === path)) return;
      context.issues.push({ code: 'custom', path: [path], message, input: request });
    };
    if (
      !isGiven(request.offers) &&
      !isGiven(request.offerDetails) &&
      !isGiven(request.needs) &&
      !isGiven(request.needDetails)
    )
      problem('offers', 'directory.exchange.required');
    const consented = Array.isArray(request.publicFields) ? request.publicFields : [];
    for (const field of givenPublicFields(request)) {
      if (consented.includes(field)) continue;
      problem(
        field,
        alwaysPublic.includes(field)
          ? 'directory.publicField.required'
          : 'directory.publicField.consentMissing',
      );
    }
  },
  { when: ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value) },
);

/** `POST /directory/entries`: the entry, the address to confirm it with, and the honeypot. */
export const directoryEntryRequestSchema = z
  .strictObject(
    {
      email,
      ...entryFields,
      website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
    },
    { error: 'field.unknownField' },
  )
  .check(
    crossFieldChecks,
    z.meta({
      id: 'DirectoryEntryRequest',
      description:
        'A member asks for an entry in the directory. `email` is never public: it confirms the entry and receives its management link and the messages visitors send. `region` is an official region code; `sectors`, `families`, `offers` and `needs` take the values of the directory’s lists. Each field that becomes public (`name`, `organization`, `role`, `region`, `sectors`, `families`, `offers` with `offerDetails`, `needs` with `needDetails`, `publicEmail`, `links`) must be named in `publicFields`, the member’s consent for that field. `website` is a honeypot that people leave empty.',
    }),
  );

/** `PUT /directory/entries/{token}`: the entry again (the address stays the one confirmed). */
export const directoryEntryEditSchema = z.strictObject(entryFields, { error: 'field.unknownField' }).check(
  crossFieldChecks,
  z.meta({
    id: 'DirectoryEntryEdit',
    description:
      'The whole entry again, with the consents of its public fields (`DirectoryEntryRequest` without `email` and `website`).',
  }),
);

export type DirectoryEntryRequest = z.output<typeof directoryEntryRequestSchema>;
export type DirectoryEntryEdit = z.output<typeof directoryEntryEditSchema>;
