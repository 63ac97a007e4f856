import { randomBytes } from 'node:crypto';
import { frenchRegions } from '../programme/vocabulary.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import type { DirectoryEntryEdit } from './directoryRequest.ts';
import {
  type DirectorySector,
  directoryConsentVersion,
  type EssFamily,
  type ExchangeKind,
  type PublicFieldName,
} from './directoryVocabulary.ts';

/**
 * A member's entry in the directory, as the `DirectoryEntries` table keeps it (`ENTRY#<id>`):
 * pending until its address is confirmed through the mailed link, then confirmed and written to
 * the Content Lake as a draft for the editors, who publish it. Pure: no AWS here.
 */

/** What a member says about themself; what becomes public is what `publicFields` consents to. */
export interface DirectoryProfile {
  readonly name: string;
  readonly organization: string;
  readonly role?: string;
  readonly region: string;
  readonly sectors: readonly DirectorySector[];
  readonly families: readonly EssFamily[];
  readonly offers: readonly ExchangeKind[];
  readonly offerDetails?: string;
  readonly needs: readonly ExchangeKind[];
  readonly needDetails?: string;
  readonly publicEmail?: string;
  readonly links: readonly string[];
}

export type DirectoryEntryStatus = 'pending' | 'confirmed';

export interface DirectoryEntry {
  readonly id: string;
  readonly status: DirectoryEntryStatus;
  /** 1 at the request; each edit through the link adds one (`maxDirectoryVersions` at most). */
  readonly version: number;
  /** Carried by the signed link with the id: a new request or the entry's deletion voids older links. */
  readonly linkNonce: string;
  /** The address the entry was confirmed with: never public, never in the Content Lake. */
  readonly email: string;
  /** Keyed hash of `email` (index `byAddress`, for the finders of personal data). */
  readonly addressKey: string;
  readonly profile: DirectoryProfile;
  /** The member's consent, field by field, for what becomes public. */
  readonly consent: {
    readonly textVersion: string;
    readonly givenAt: string;
    readonly publicFields: readonly PublicFieldName[];
  };
  readonly requestedAt: string;
  readonly confirmedAt?: string;
  /** When a member who lost their link last asked for a fresh one (a new `linkNonce`). */
  readonly linkRenewedAt?: string;
  readonly updatedAt: string;
  /** Epoch seconds (TTL): 48 hours while pending; `retentionDays` after the last confirmation or edit. */
  readonly expiresAt: number;
}

/** A visitor's message to a member (`CONTACT#<id>`), kept until it is mailed (2 days at most). */
export interface DirectoryContactRequest {
  readonly id: string;
  readonly entryId: string;
  readonly requester: { readonly name: string; readonly email: string };
  readonly message: string;
  readonly consent: { readonly textVersion: string; readonly givenAt: string };
  /** Keyed hash of the requester's address (index `byAddress`). */
  readonly addressKey: string;
  readonly sentAt: string;
  readonly expiresAt: number;
}

/** How long an unconfirmed entry is kept, and a confirmed one after its last confirmation or edit. */
export const pendingHours = 48;
export const retentionDays = 3 * 365;
/** Versions an entry may have: each is a write to the Content Lake. */
export const maxDirectoryVersions = 50;
export const contactRequestHours = 48;

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
export const pendingExpiry = (now: Date): number => epochSeconds(now) + pendingHours * 3600;
export const confirmedExpiry = (now: Date): number => epochSeconds(now) + retentionDays * 86_400;

/**
 * One entry per address: its id is derived from the address's keyed hash (24 hex digits), so a
 * second request from the same address replaces a pending entry and never doubles a confirmed one.
 */
export function directoryEntryIdOf(addressHashKey: string, email: string): string {
  return Buffer.from(keyedAddressHash(addressHashKey, email, 'directory-entry'), 'base64url')
    .toString('hex')
    .slice(0, 24);
}

export const newLinkNonce = (): string => randomBytes(9).toString('base64url');

/** The Content Lake document of an entry (`directoryEntry-<id>`; its draft under `drafts.`). */
export const directoryDocumentId = (entryId: string): string => `directoryEntry-${entryId}`;
export const entryIdOfDocument = (documentId: string): string | null =>
  /^directoryEntry-([0-9a-f]{24})$/.exec(documentId)?.[1] ?? null;

const trimmed = (text: string | undefined): string | undefined => (text ? text : undefined);

/** The profile a request or an edit describes, its empty optional fields left out. */
export function profileOf(request: DirectoryEntryEdit): DirectoryProfile {
  const profile: DirectoryProfile = {
    name: request.name,
    organization: request.organization,
    region: request.region,
    sectors: request.sectors,
    families: request.families,
    offers: request.offers,
    needs: request.needs,
    links: request.links,
  };
  const optional = {
    role: trimmed(request.role),
    offerDetails: trimmed(request.offerDetails),
    needDetails: trimmed(request.needDetails),
    publicEmail: trimmed(request.publicEmail),
  };
  return {
    ...profile,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

export const consentOf = (request: DirectoryEntryEdit, now: Date): DirectoryEntry['consent'] => ({
  textVersion: directoryConsentVersion,
  givenAt: now.toISOString(),
  publicFields: [...new Set(request.publicFields)],
});

/** « Bretagne » for a region code. */
export const regionName = (code: string): string =>
  frenchRegions.find((region) => region.code === code)?.name ?? code;

/**
 * What the public sees of an entry: the fields its member made public, never the address it was
 * confirmed with; `publicEmail` only as a flag (`showsEmail`): the address itself is given one
 * entry at a time by `GET /directory/{id}`, never written to the Content Lake.
 */
export function publicContentOf(entry: Pick<DirectoryEntry, 'profile' | 'consent'>) {
  const shown = new Set(entry.consent.publicFields);
  const { profile } = entry;
  const when = <T>(field: PublicFieldName, value: T): T | undefined => (shown.has(field) ? value : undefined);
  return {
    name: when('name', profile.name) ?? null,
    organization: when('organization', profile.organization) ?? null,
    role: when('role', profile.role) ?? null,
    regionCode: when('region', profile.region) ?? null,
    sectors: when('sectors', [...profile.sectors]) ?? [],
    families: when('families', [...profile.families]) ?? [],
    offers: when('offers', [...profile.offers]) ?? [],
    offerDetails: when('offers', profile.offerDetails) ?? null,
    needs: when('needs', [...profile.needs]) ?? [],
    needDetails: when('needs', profile.needDetails) ?? null,
    links: when('links', [...profile.links]) ?? [],
    showsEmail: shown.has('publicEmail') && Boolean(profile.publicEmail),
  };
}
export type PublicDirectoryContent = ReturnType<typeof publicContentOf>;

/** The public e-mail of an entry, if its member made it public. */
export const publicEmailOf = (entry: Pick<DirectoryEntry, 'profile' | 'consent'>): string | null =>
  entry.consent.publicFields.includes('publicEmail') ? (entry.profile.publicEmail ?? null) : null;

/**
 * The draft written for the editors (`drafts.directoryEntry-<id>`): the public content, the
 * moderation state « À modérer » and which version it is. Publishing it in the Studio is the
 * editors' approval.
 */
export function directoryDraftOf(entry: DirectoryEntry) {
  return {
    _id: `drafts.${directoryDocumentId(entry.id)}`,
    _type: 'directoryEntry',
    // Sanity keeps no empty values: a field left out is simply not shown.
    ...Object.fromEntries(Object.entries(publicContentOf(entry)).filter(([, value]) => value !== null)),
    moderation: {
      state: 'toModerate',
      entryVersion: entry.version,
      submittedAt: entry.updatedAt,
      confirmedAt: entry.confirmedAt ?? null,
    },
  };
}
