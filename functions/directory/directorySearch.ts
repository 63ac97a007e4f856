import * as z from 'zod/mini';
import { frenchRegions } from '../programme/vocabulary.ts';
import {
  directoryPageSizes,
  directorySectors,
  directorySectorValues,
  essFamilies,
  essFamilyValues,
  exchangeKinds,
  exchangeKindValues,
} from './directoryVocabulary.ts';
import './directoryMessages.ts';

/**
 * `GET /directory`'s filters, text search and pages, over the published entries (pure). The
 * search ignores accents and case and finds each word at the start of a word of the entry
 * ("coop numer" finds « Coopérative … numérique »); entries come by organisation then name.
 */

/** A published entry as the Content Lake answers it (public fields only). */
export interface ListedEntry {
  readonly id: string;
  readonly name: string | null;
  readonly organization: string | null;
  readonly role: string | null;
  readonly regionCode: string | null;
  readonly sectors: readonly string[] | null;
  readonly families: readonly string[] | null;
  readonly offers: readonly string[] | null;
  readonly offerDetails: string | null;
  readonly needs: readonly string[] | null;
  readonly needDetails: string | null;
  readonly links: readonly string[] | null;
  readonly showsEmail: boolean | null;
}

const optionalOf = <const T extends readonly string[]>(values: T, error: string) =>
  z.optional(z.enum(values as unknown as [T[number], ...T[number][]], { error }));

export const directoryQuerySchema = z.strictObject(
  {
    q: z.optional(z.string().check(z.maxLength(100, { error: 'directory.query.tooLong' }))),
    region: z.optional(
      z.string().check(
        z.refine((code) => frenchRegions.some((region) => region.code === code), {
          error: 'programme.region.unknown',
        }),
      ),
    ),
    sector: optionalOf(directorySectorValues, 'directory.sector.unknown'),
    family: optionalOf(essFamilyValues, 'directory.family.unknown'),
    offer: optionalOf(exchangeKindValues, 'directory.exchange.unknown'),
    need: optionalOf(exchangeKindValues, 'directory.exchange.unknown'),
    limit: z._default(
      z.coerce
        .number({ error: 'directory.limit.invalid' })
        .check(
          z.int({ error: 'directory.limit.invalid' }),
          z.minimum(1, { error: 'directory.limit.invalid' }),
          z.maximum(directoryPageSizes.max, { error: 'directory.limit.invalid' }),
        ),
      directoryPageSizes.default,
    ),
    cursor: z.optional(z.string().check(z.maxLength(300))),
  },
  { error: 'field.unknownField' },
);
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

/** Lower case, without accents: « Économie » and « economie » are the same word to a visitor. */
export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const wordsOf = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

const titles = (terms: readonly { value: string; title: string }[], values: readonly string[] | null) =>
  (values ?? []).map((value) => terms.find((term) => term.value === value)?.title ?? value);

/** The words a visitor may find an entry by: its texts and the titles of its lists. */
export function searchableWords(entry: ListedEntry): string[] {
  return wordsOf(
    [
      entry.name,
      entry.organization,
      entry.role,
      entry.offerDetails,
      entry.needDetails,
      frenchRegions.find((region) => region.code === entry.regionCode)?.name,
      ...titles(directorySectors, entry.sectors),
      ...titles(essFamilies, entry.families),
      ...titles(exchangeKinds, entry.offers),
      ...titles(exchangeKinds, entry.needs),
    ]
      .filter(Boolean)
      .join(' '),
  );
}

/** Whether the entry passes the filters and holds every word of the search. */
export function matches(entry: ListedEntry, query: Omit<DirectoryQuery, 'limit' | 'cursor'>): boolean {
  if (query.region && entry.regionCode !== query.region) return false;
  if (query.sector && !entry.sectors?.includes(query.sector)) return false;
  if (query.family && !entry.families?.includes(query.family)) return false;
  if (query.offer && !entry.offers?.includes(query.offer)) return false;
  if (query.need && !entry.needs?.includes(query.need)) return false;
  const wanted = wordsOf(query.q ?? '');
  if (wanted.length === 0) return true;
  const words = searchableWords(entry);
  return wanted.every((word) => words.some((candidate) => candidate.startsWith(word)));
}

/** Where an entry sorts: organisation, then name, folded; the id breaks ties. */
export const sortKeyOf = (entry: ListedEntry): string =>
  `${fold(entry.organization ?? '')}\u0000${fold(entry.name ?? '')}`;

const compare = (a: [string, string], b: [string, string]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/** An opaque position: the last entry's sort key and id. */
export const encodeDirectoryCursor = (entry: ListedEntry): string =>
  Buffer.from(JSON.stringify([sortKeyOf(entry), entry.id])).toString('base64url');

export function decodeDirectoryCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string'))
      return value as [string, string];
  } catch {
    // Not a cursor we made.
  }
  return null;
}

/** A listed entry as the API answers it: its region named, and never an address. */
export function listedView(entry: ListedEntry) {
  const region = frenchRegions.find((candidate) => candidate.code === entry.regionCode);
  return {
    id: entry.id,
    name: entry.name,
    organization: entry.organization,
    role: entry.role,
    region: region ? { code: region.code, name: region.name } : null,
    sectors: entry.sectors ?? [],
    families: entry.families ?? [],
    offers: entry.offers ?? [],
    offerDetails: entry.offerDetails,
    needs: entry.needs ?? [],
    needDetails: entry.needDetails,
    links: entry.links ?? [],
    hasPublicEmail: entry.showsEmail === true,
  };
}

/** One page of the entries that match, after `after` (a decoded cursor), `limit` of them. */
export function directoryPage(
  entries: readonly ListedEntry[],
  query: Omit<DirectoryQuery, 'limit' | 'cursor'>,
  after: [string, string] | null,
  limit: number,
) {
  const selected = entries
    .filter((entry) => matches(entry, query))
    .map((entry) => ({ entry, position: [sortKeyOf(entry), entry.id] as [string, string] }))
    .sort((a, b) => compare(a.position, b.position));
  const rest = after ? selected.filter(({ position }) => compare(position, after) > 0) : selected;
  const page = rest.slice(0, limit).map(({ entry }) => entry);
  const last = page.at(-1);
  return {
    items: page.map(listedView),
    total: selected.length,
    nextCursor: rest.length > limit && last ? encodeDirectoryCursor(last) : null,
  };
}
