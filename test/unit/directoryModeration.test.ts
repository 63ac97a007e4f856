import { describe, expect, it } from 'vitest';
import {
  directoryPublicationNotice,
  directoryRefusalNotice,
} from '../../functions/directory/directoryDecisionEmails.ts';
import {
  confirmDirectoryDecision,
  directoryDecisionKey,
} from '../../functions/directory/directoryDecisions.ts';
import { freshLinkEmail } from '../../functions/directory/directoryEmails.ts';
import type { DirectoryEntry } from '../../functions/directory/directoryEntry.ts';
import { directoryRefusalReasons } from '../../functions/directory/directoryVocabulary.ts';
import { linkMailOf } from '../../functions/directory/mailDirectoryConfirmations.ts';
import { documentMutations } from '../../functions/directory/writeDirectoryDocuments.ts';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import type { SanityDocument } from '../../functions/submissions/contentLakeWrites.ts';
import {
  directoryModeration,
  eventModeration,
  moderatedPublication,
  moderatedRefusal,
  newDecisionRequestId,
} from '../../studio/moderation/moderationMutations.ts';
import { countDirectoryModeration, regionTitle } from '../../studio/structure/moderation.ts';

/** The moderation of the members' directory entries: the event's, generalised (`moderation.test.ts`). */

const entryId = '0123456789abcdef01234567';
const documentId = `directoryEntry-${entryId}`;
const entry = (id: string, moderation: Record<string, unknown> | undefined): SanityDocument => ({
  _id: id,
  _type: 'directoryEntry',
  organization: 'Atelier Numérique d’Armor',
  ...(moderation ? { moderation: { entryVersion: 1, ...moderation } } : {}),
});
const documents = (...list: SanityDocument[]) => new Map(list.map((doc) => [doc._id, doc]));
const context = {
  documentId,
  requestId: 'directoryDecision-1',
  decidedBy: 'Équipe',
  now: '2027-10-20T08:00:00Z',
};

describe('the Studio’s mutations for an entry', () => {
  const draft = {
    _id: `drafts.${documentId}`,
    _type: 'directoryEntry',
    _rev: 'r1',
    organization: 'Atelier',
    moderation: { state: 'ready', entryVersion: 2, refusalReason: 'ancien motif' },
  };

  it('publishes the draft in « Publié » and requests the notice as a `directoryDecision`, in one transaction', () => {
    const [publish, remove, request] = moderatedPublication(directoryModeration, draft, context);
    expect(publish).toEqual({
      createOrReplace: {
        _id: documentId,
        _type: 'directoryEntry',
        organization: 'Atelier',
        moderation: { state: 'published', entryVersion: 2, publishedAt: context.now },
      },
    });
    expect(remove).toEqual({ delete: { id: draft._id } });
    expect(request).toEqual({
      create: {
        _id: 'directoryDecision-1',
        _type: 'directoryDecision',
        entry: { _type: 'reference', _ref: documentId, _weak: true },
        decision: 'published',
        decidedBy: 'Équipe',
        decidedAt: context.now,
      },
    });
  });

  it('refuses on the draft only, with its reason; the event’s kind still names its own request', () => {
    const [patch, request] = moderatedRefusal(
      directoryModeration,
      draft,
      directoryRefusalReasons[0],
      context,
    );
    expect(patch).toEqual({
      patch: {
        id: draft._id,
        set: { 'moderation.state': 'refused', 'moderation.refusalReason': directoryRefusalReasons[0] },
      },
    });
    expect(request).toMatchObject({ create: { _type: 'directoryDecision', entry: { _ref: documentId } } });
    expect(moderatedRefusal(eventModeration, draft, 'Doublon.', context)[1]).toMatchObject({
      create: { _type: 'moderationDecision', event: { _ref: documentId } },
    });
    expect(newDecisionRequestId(directoryModeration)).toMatch(/^directoryDecision-[0-9a-f-]{36}$/);
    expect(newDecisionRequestId()).toMatch(/^moderationDecision-/);
  });
});

describe('the directory’s moderation counts', () => {
  it('counts each entry once per state, by its draft when it has one', () => {
    const counts = countDirectoryModeration([
      { _id: 'a', state: 'published' },
      { _id: 'drafts.a', state: 'toModerate' },
      { _id: 'drafts.b', state: 'toModerate' },
      { _id: 'c', state: 'published' },
      { _id: 'drafts.d', state: 'refused' },
      { _id: 'e', state: null },
    ]);
    expect(counts).toEqual({ toModerate: 2, published: 1, refused: 1 });
    expect(regionTitle('Annuaire des membres', counts)).toBe('Annuaire des membres (2 à modérer)');
  });
});

describe('an editor’s decision, as the entry bears it', () => {
  it('confirms a publication by the published entry, a refusal by the draft with its reason', () => {
    const published = entry(documentId, { state: 'published' });
    expect(confirmDirectoryDecision('published', documentId, documents(published))).toEqual({
      decision: 'published',
      entryId,
      organization: 'Atelier Numérique d’Armor',
      reason: null,
    });
    const refused = entry(`drafts.${documentId}`, { state: 'refused', refusalReason: ' Doublon. ' });
    expect(confirmDirectoryDecision('refused', documentId, documents(published, refused))).toMatchObject({
      decision: 'refused',
      reason: 'Doublon.',
    });
  });

  it('tells nobody when the entry says otherwise, or is an editor’s own', () => {
    const toModerate = entry(`drafts.${documentId}`, { state: 'toModerate' });
    expect(confirmDirectoryDecision('published', documentId, documents(toModerate))).toBeNull();
    expect(confirmDirectoryDecision('refused', documentId, documents(toModerate))).toBeNull();
    expect(confirmDirectoryDecision('refused', documentId, documents())).toBeNull();
    // Written by editors: no version of the backend's, or an id it did not derive.
    expect(
      confirmDirectoryDecision('published', documentId, documents(entry(documentId, undefined))),
    ).toBeNull();
    const own = { ...entry('directoryEntry-maison', { state: 'published' }) };
    expect(confirmDirectoryDecision('published', own._id, documents(own))).toBeNull();
  });

  it('keys a publication once per entry, a refusal once per reason, a new entry of the address anew', () => {
    const published = { decision: 'published' as const, entryId, organization: '', reason: null };
    const refused = { ...published, decision: 'refused' as const, reason: 'Doublon.' };
    const first = '2027-10-01T08:00:00.000Z';
    expect(directoryDecisionKey(published, first)).toBe(`${entryId}#${first}#published`);
    expect(directoryDecisionKey(refused, first)).toBe(directoryDecisionKey({ ...refused }, first));
    expect(directoryDecisionKey(refused, first)).not.toBe(
      directoryDecisionKey({ ...refused, reason: 'Autre.' }, first),
    );
    expect(directoryDecisionKey(published, '2027-10-02T08:00:00.000Z')).not.toBe(
      directoryDecisionKey(published, first),
    );
  });
});

describe('the member’s mails', () => {
  const brand = brandOf({ siteName: 'Réseau des anciens' });
  const mailContext = {
    brand,
    to: 'membre@exemple.org',
    entryUrl: 'https://pages.exemple.org/annuaire-fiche.html?jeton=abc',
    directoryUrl: 'https://pages.exemple.org/annuaire.html',
  };
  const decision = {
    decision: 'refused' as const,
    entryId,
    organization: 'Atelier Numérique d’Armor',
    reason: directoryRefusalReasons[0],
  };

  it('says a publication with the link to the member’s entry and to the directory', async () => {
    const mail = await directoryPublicationNotice(
      { ...decision, decision: 'published', reason: null },
      mailContext,
    );
    expect(mail.to).toEqual(['membre@exemple.org']);
    expect(mail.subject).toBe('Votre fiche est publiée dans l’annuaire');
    expect(mail.text).toContain('« Atelier Numérique d’Armor »');
    expect(mail.html).toContain(mailContext.entryUrl);
    expect(mail.html).toContain(mailContext.directoryUrl);
  });

  it('says a refusal with its reason, and that the member can edit the entry or delete it', async () => {
    const mail = await directoryRefusalNotice(decision, mailContext);
    expect(mail.subject).toBe('Votre fiche de l’annuaire n’a pas été publiée');
    expect(mail.text).toContain(directoryRefusalReasons[0]);
    expect(mail.text).toContain('modifiez votre fiche');
    expect(mail.text).toContain('supprimer');
    expect(mail.html).toContain(mailContext.entryUrl);
  });

  it('mails a fresh link to a confirmed entry asked for again, and repeats nothing the requester typed', async () => {
    const mail = await freshLinkEmail({ email: 'membre@exemple.org' }, mailContext);
    expect(mail.subject).toBe('Le lien de votre fiche de l’annuaire');
    expect(mail.text).toContain('La vôtre existe déjà : voici le lien pour la modifier');
    expect(mail.text).toContain('Les liens reçus auparavant ne fonctionnent plus');
    expect(mail.html).toContain(mailContext.entryUrl);
  });
});

describe('which link mail an entry’s record calls for', () => {
  const base = { id: entryId, linkNonce: 'nonce-un', status: 'confirmed' } as DirectoryEntry;
  it('a confirmation while pending, a fresh link when a confirmed entry’s nonce changes, nothing for an edit', () => {
    expect(linkMailOf({ ...base, status: 'pending' }, undefined)).toBe('confirmation');
    expect(linkMailOf({ ...base, linkNonce: 'nonce-deux' }, base)).toBe('freshLink');
    expect(linkMailOf({ ...base, version: 2 }, base)).toBeNull();
    // The confirmation itself keeps the link: nothing more.
    expect(linkMailOf(base, { ...base, status: 'pending' })).toBeNull();
    expect(linkMailOf(undefined, base)).toBeNull();
  });
});

describe('an entry removed', () => {
  it('takes its documents and the editors’ decision requests about it', () => {
    const removed = { id: entryId, linkNonce: 'nonce-un', status: 'confirmed' } as DirectoryEntry;
    expect(documentMutations(undefined, removed, new Map(), ['directoryDecision-1'])).toEqual([
      { delete: { id: `drafts.${documentId}` } },
      { delete: { id: documentId } },
      { delete: { id: 'directoryDecision-1' } },
    ]);
  });
});
