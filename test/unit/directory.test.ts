import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { confirmationEmail, contactEmail } from '../../functions/directory/directoryEmails.ts';
import {
  type DirectoryEntry,
  directoryDraftOf,
  directoryEntryIdOf,
  entryIdOfDocument,
  profileOf,
  publicContentOf,
  publicEmailOf,
} from '../../functions/directory/directoryEntry.ts';
import { directoryEntryFormHtml, directoryFieldLabels } from '../../functions/directory/directoryForm.ts';
import { signDirectoryToken, verifyDirectoryToken } from '../../functions/directory/directoryLinks.ts';
import {
  directoryEntryEditSchema,
  directoryEntryRequestSchema,
} from '../../functions/directory/directoryRequest.ts';
import {
  decodeDirectoryCursor,
  directoryPage,
  directoryQuerySchema,
  type ListedEntry,
} from '../../functions/directory/directorySearch.ts';
import { documentMutations } from '../../functions/directory/writeDirectoryDocuments.ts';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import { keyRingFromJson } from '../../functions/shared/tokens/signedTokens.ts';

const request = {
  email: 'camille@exemple.fr',
  name: 'Camille Martin',
  organization: 'Coopérative Numérique d’Armor',
  role: 'Cogérante',
  region: '53',
  sectors: ['numerique'],
  families: ['cooperative'],
  offers: ['expertise'],
  offerDetails: 'Accompagnement au numérique libre.',
  needs: [],
  publicEmail: 'contact@coop-armor.example',
  links: ['https://coop-armor.example'],
  publicFields: [
    'name',
    'organization',
    'role',
    'region',
    'sectors',
    'families',
    'offers',
    'publicEmail',
    'links',
  ],
  consent: true,
};

const issuesOf = (body: unknown) => {
  const result = z.safeParse(directoryEntryRequestSchema, body);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};

describe('the entry a member asks for', () => {
  it('takes a full request, with a consent for each public field', () => {
    expect(issuesOf(request)).toEqual([]);
  });

  it('refuses a public field given without its consent, at that field, and every other problem at once', () => {
    const issues = issuesOf({
      ...request,
      publicFields: ['organization', 'region', 'sectors', 'families', 'offers', 'links'],
      sectors: ['numerique', 'numerique'],
      links: ['http://insecure.example'],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        ['sectors', 'directory.sectors.count'],
        ['links.0', 'submission.url.invalid'],
        ['name', 'directory.publicField.required'],
        ['role', 'directory.publicField.consentMissing'],
        ['publicEmail', 'directory.publicField.consentMissing'],
      ]),
    );
    expect(issues.filter(([path]) => path === 'sectors')).toHaveLength(1);
  });

  it('asks for something offered or sought, an official region, the lists’ values, and the consent', () => {
    const issues = issuesOf({
      ...request,
      offers: [],
      offerDetails: '',
      region: '99',
      families: ['club'],
      consent: false,
      unexpected: 1,
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        ['offers', 'directory.exchange.required'],
        ['region', 'programme.region.unknown'],
        ['families.0', 'directory.family.unknown'],
        ['consent', 'directory.consent.required'],
        ['', 'field.unknownField'],
      ]),
    );
  });

  it('takes an edit without the address, and keeps out empty optional fields', () => {
    const { email: _email, ...edit } = request;
    const parsed = z.parse(directoryEntryEditSchema, { ...edit, role: '', publicEmail: '' });
    expect(profileOf(parsed)).not.toHaveProperty('role');
    expect(profileOf(parsed)).not.toHaveProperty('publicEmail');
    expect(issuesOf({ ...edit })).toContainEqual(['email', 'field.required']);
  });
});

const entryOf = (overrides: Partial<DirectoryEntry> = {}): DirectoryEntry => {
  const parsed = z.parse(directoryEntryRequestSchema, request);
  return {
    id: 'a'.repeat(24),
    status: 'confirmed',
    version: 2,
    linkNonce: 'nonce-123456',
    email: parsed.email,
    addressKey: 'key',
    profile: profileOf(parsed),
    consent: { textVersion: 'v', givenAt: '2027-10-20T08:00:00.000Z', publicFields: parsed.publicFields },
    requestedAt: '2027-10-20T08:00:00.000Z',
    confirmedAt: '2027-10-20T08:05:00.000Z',
    updatedAt: '2027-10-20T08:10:00.000Z',
    expiresAt: 0,
    ...overrides,
  };
};

describe('what becomes public', () => {
  it('writes only consented fields to the Content Lake, never an address', () => {
    const entry = entryOf({
      consent: {
        textVersion: 'v',
        givenAt: '',
        publicFields: ['organization', 'region', 'sectors', 'families'],
      },
    });
    const content = publicContentOf(entry);
    expect(content).toMatchObject({ name: null, role: null, organization: request.organization, links: [] });
    expect(content.showsEmail).toBe(false);
    expect(publicEmailOf(entry)).toBeNull();
    const draft = directoryDraftOf(entryOf());
    expect(draft._id).toBe(`drafts.directoryEntry-${'a'.repeat(24)}`);
    expect(draft).toMatchObject({ showsEmail: true, moderation: { state: 'toModerate', entryVersion: 2 } });
    expect(JSON.stringify(draft)).not.toContain('@');
    expect(publicEmailOf(entryOf())).toBe(request.publicEmail);
  });

  it('derives one id per address (case and spaces aside), and reads it back from the document id', () => {
    const id = directoryEntryIdOf('secret', 'Camille@Exemple.fr ');
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(directoryEntryIdOf('secret', 'camille@exemple.fr')).toBe(id);
    expect(directoryEntryIdOf('other secret', 'camille@exemple.fr')).not.toBe(id);
    expect(entryIdOfDocument(`directoryEntry-${id}`)).toBe(id);
    expect(entryIdOfDocument('directoryEntry-written-by-editors')).toBeNull();
  });
});

describe('the member’s link', () => {
  const ring = keyRingFromJson(JSON.stringify({ k1: 'a secret long enough' }), null);
  it('carries the entry and its nonce, and nothing else verifies', () => {
    const token = signDirectoryToken('b'.repeat(24), 'nonce-123456', ring);
    const now = new Date();
    expect(verifyDirectoryToken(token, ring, now)).toEqual({
      entryId: 'b'.repeat(24),
      linkNonce: 'nonce-123456',
    });
    expect(verifyDirectoryToken(`${token}x`, ring, now)).toBeNull();
    expect(verifyDirectoryToken('x'.repeat(2000), ring, now)).toBeNull();
  });
});

const listed = (id: string, organization: string, fields: Partial<ListedEntry> = {}): ListedEntry => ({
  id,
  name: null,
  organization,
  role: null,
  regionCode: '53',
  sectors: ['numerique'],
  families: ['association'],
  offers: [],
  offerDetails: null,
  needs: [],
  needDetails: null,
  links: [],
  showsEmail: true,
  ...fields,
});

describe('GET /directory’s search and pages', () => {
  const entries = [
    listed('e1', 'Élan Solidaire', { offers: ['mentorat'], regionCode: '84' }),
    listed('e2', 'Coopérative Numérique', { needs: ['financement'], families: ['cooperative'] }),
    listed('e3', 'atelier vélo', {
      sectors: ['mobilite'],
      offerDetails: 'Réparation de vélos, économie circulaire',
    }),
    ...Array.from({ length: 30 }, (_, index) =>
      listed(`z${index}`, `Zèbre ${String(index).padStart(2, '0')}`),
    ),
  ];
  const all = { q: undefined };

  it('finds words at the start of words, accents and case ignored', () => {
    const ids = (q: string) => directoryPage(entries, { q }, null, 24).items.map((item) => item.id);
    expect(ids('elan')).toEqual(['e1']);
    expect(ids('COOP numer')).toEqual(['e2']);
    expect(ids('economie velo')).toEqual(['e3']);
    expect(ids('mentorat')).toEqual(['e1']);
    expect(ids('ratelier')).toEqual([]);
  });

  it('filters by region, sector, family, offer and need', () => {
    const ids = (filters: Record<string, string>) =>
      directoryPage(entries, filters, null, 24).items.map((item) => item.id);
    expect(ids({ region: '84' })).toEqual(['e1']);
    expect(ids({ sector: 'mobilite' })).toEqual(['e3']);
    expect(ids({ family: 'cooperative' })).toEqual(['e2']);
    expect(ids({ offer: 'mentorat' })).toEqual(['e1']);
    expect(ids({ need: 'financement' })).toEqual(['e2']);
  });

  it('sorts by organisation, pages with cursors, and never lists an address', () => {
    const first = directoryPage(entries, all, null, 24);
    expect(first.total).toBe(33);
    expect(first.items.slice(0, 3).map((item) => item.organization)).toEqual([
      'atelier vélo',
      'Coopérative Numérique',
      'Élan Solidaire',
    ]);
    const cursor = decodeDirectoryCursor(first.nextCursor ?? '');
    const second = directoryPage(entries, all, cursor, 24);
    expect(second.items).toHaveLength(9);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(33);
    expect(JSON.stringify(first)).not.toMatch(/@|publicEmail/);
    expect(first.items[0]?.hasPublicEmail).toBe(true);
    expect(decodeDirectoryCursor('not a cursor')).toBeNull();
  });

  it('caps the page size at 24 and refuses unknown values', () => {
    expect(z.safeParse(directoryQuerySchema, { limit: '25' }).success).toBe(false);
    expect(z.parse(directoryQuerySchema, {}).limit).toBe(12);
    expect(z.parse(directoryQuerySchema, { limit: '24' }).limit).toBe(24);
    expect(z.safeParse(directoryQuerySchema, { sector: 'inconnu' }).success).toBe(false);
    expect(z.safeParse(directoryQuerySchema, { email: 'x' }).success).toBe(false);
  });
});

describe('the documents the worker writes', () => {
  const none = new Map<string, Record<string, unknown>>();
  const draftId = `drafts.directoryEntry-${'a'.repeat(24)}`;
  it('writes a confirmed entry and each new version as a draft, once', () => {
    const pending = entryOf({ status: 'pending', version: 1 });
    const confirmed = entryOf({ version: 1 });
    expect(documentMutations(pending, undefined, none)).toEqual([]);
    expect(documentMutations(confirmed, pending, none)).toEqual([
      { createOrReplace: directoryDraftOf(confirmed) },
    ]);
    // The TTL renewed alone, or a replayed record: nothing.
    expect(documentMutations(confirmed, confirmed, none)).toEqual([]);
    const edited = entryOf({ version: 2 });
    const published = new Map([[draftId.slice(7), { moderation: { entryVersion: 2 } }]]);
    expect(documentMutations(edited, confirmed, published)).toEqual([]);
    expect(documentMutations(edited, confirmed, none)).toHaveLength(1);
  });

  it('deletes the draft and the published entry when the entry goes', () => {
    expect(documentMutations(undefined, entryOf(), none)).toEqual([
      { delete: { id: draftId } },
      { delete: { id: draftId.slice(7) } },
    ]);
  });
});

describe('the directory’s mails', () => {
  const brand = brandOf(null, 'Essaim');
  it('mails the confirmation link without repeating what was typed', async () => {
    const mail = await confirmationEmail(entryOf(), {
      brand,
      entryUrl: 'https://pages.example/annuaire-fiche.html?jeton=t',
    });
    expect(mail.to).toEqual([request.email]);
    expect(mail.text).toContain('https://pages.example/annuaire-fiche.html?jeton=t');
    expect(mail.text).not.toContain(request.organization);
  });

  it('mails a visitor’s message to the member, with the visitor to answer to', async () => {
    const mail = await contactEmail(
      {
        id: 'c1',
        entryId: 'a'.repeat(24),
        requester: { name: 'Dominique', email: 'dominique@exemple.fr' },
        message: 'Bonjour, travaillons ensemble sur un projet de réemploi.',
        consent: { textVersion: 'v', givenAt: '' },
        addressKey: 'k',
        sentAt: '',
        expiresAt: 0,
      },
      entryOf(),
      { brand, entryUrl: 'https://pages.example/annuaire-fiche.html?jeton=t' },
    );
    expect(mail).toMatchObject({ to: [request.email], replyTo: ['dominique@exemple.fr'] });
    expect(mail.subject).toBe('Message de Dominique par l’annuaire');
    expect(mail.text).toContain('travaillons ensemble');
  });
});

describe('the directory’s forms (the components’ markup)', () => {
  it('labels every field the API may refuse, keeps what was typed, and asks for each public field', () => {
    const html = directoryEntryFormHtml({
      idPrefix: 'f',
      values: { name: 'Camille', sectors: 'numerique\nmobilite', publicFields: 'name' },
      errors: { publicEmail: 'Ce champ paraîtra dans l’annuaire.' },
    });
    for (const field of Object.keys(z.parse(directoryEntryRequestSchema, request)))
      if (field !== 'website') expect(directoryFieldLabels, field).toHaveProperty(field);
    expect(html).toContain('value="Camille"');
    expect(html).toMatch(/name="sectors" type="checkbox" value="numerique" checked/);
    expect(html).toMatch(/name="publicFields" type="checkbox" value="name" checked/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('href="#f-publicEmail"');
    expect(directoryEntryFormHtml({ idPrefix: 'g' }, { edit: true })).not.toContain('name="email"');
  });
});
