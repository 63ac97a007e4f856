import { describe, expect, it } from 'vitest';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import type { SanityDocument } from '../../functions/submissions/contentLakeWrites.ts';
import {
  chamberDailySummary,
  previousParisDay,
  summaryLines,
} from '../../functions/submissions/dailySummaries.ts';
import { confirmDecision, decisionKey } from '../../functions/submissions/moderationDecisions.ts';
import { publicationNotice, refusalNotice } from '../../functions/submissions/moderationEmails.ts';
import { publicationMutations, refusalMutations } from '../../studio/moderation/moderationMutations.ts';
import { countModeration, regionTitle } from '../../studio/structure/moderation.ts';

const event = (id: string, moderation: Record<string, unknown>): SanityDocument => ({
  _id: id,
  _type: 'event',
  title: 'Atelier réparation',
  slug: { current: 'atelier-reparation' },
  startsAt: '2027-11-09T17:00:00Z',
  endsAt: '2027-11-09T19:00:00Z',
  moderation: { submission: 'abc', ...moderation },
});
const documents = (...list: SanityDocument[]) => new Map(list.map((doc) => [doc._id, doc]));
const context = {
  eventId: 'submission-abc',
  requestId: 'moderationDecision-1',
  decidedBy: 'Chambre',
  now: '2027-10-20T08:00:00Z',
};

describe('a moderator’s decision, as the event bears it', () => {
  it('confirms a publication by the published event, a refusal by the draft with its reason', () => {
    const published = event('submission-abc', { state: 'published' });
    expect(confirmDecision('published', 'submission-abc', documents(published))).toMatchObject({
      decision: 'published',
      submissionId: 'abc',
      slug: 'atelier-reparation',
      reason: null,
    });
    const refused = event('drafts.submission-abc', { state: 'refused', refusalReason: ' Doublon. ' });
    expect(confirmDecision('refused', 'submission-abc', documents(refused))).toMatchObject({
      decision: 'refused',
      reason: 'Doublon.',
    });
  });

  it('tells nobody when the event does not bear the decision, or was not submitted', () => {
    const draft = event('drafts.submission-abc', { state: 'toModerate' });
    expect(confirmDecision('published', 'submission-abc', documents(draft))).toBeNull();
    expect(confirmDecision('refused', 'submission-abc', documents(draft))).toBeNull();
    const noReason = event('drafts.submission-abc', { state: 'refused' });
    expect(confirmDecision('refused', 'submission-abc', documents(noReason))).toBeNull();
    const own = { ...event('event-1', { state: 'published' }), moderation: { state: 'published' } };
    expect(confirmDecision('published', 'event-1', documents(own))).toBeNull();
    expect(confirmDecision('deleted', 'submission-abc', documents())).toBeNull();
  });

  it('keys a publication once per event, a refusal once per reason', () => {
    const published = confirmDecision(
      'published',
      'submission-abc',
      documents(event('submission-abc', { state: 'published' })),
    );
    const refusal = (reason: string) =>
      confirmDecision(
        'refused',
        'submission-abc',
        documents(event('drafts.submission-abc', { state: 'refused', refusalReason: reason })),
      );
    expect(published && decisionKey(published)).toBe('submission-abc#published');
    const first = refusal('Doublon.');
    const second = refusal('Hors période.');
    expect(first && decisionKey(first)).toBe(
      refusal('Doublon.') && decisionKey(refusal('Doublon.') as never),
    );
    expect(first && decisionKey(first)).not.toBe(second && decisionKey(second));
  });
});

describe('the Studio’s moderation mutations', () => {
  const draft = {
    _id: 'drafts.submission-abc',
    _type: 'event',
    _rev: 'r1',
    title: 'Atelier',
    moderation: { state: 'ready', submission: 'abc', refusalReason: 'ancien motif' },
  };

  it('publishes the draft in « Publié » with its first publication time, and requests the notice in the same transaction', () => {
    const [publish, remove, request] = publicationMutations(draft, context);
    expect(publish).toEqual({
      createOrReplace: {
        _id: 'submission-abc',
        _type: 'event',
        title: 'Atelier',
        moderation: { state: 'published', submission: 'abc', publishedAt: context.now },
      },
    });
    expect(remove).toEqual({ delete: { id: 'drafts.submission-abc' } });
    expect(request).toMatchObject({
      create: {
        _type: 'moderationDecision',
        event: { _ref: 'submission-abc', _weak: true },
        decision: 'published',
      },
    });
    const again = publicationMutations(
      { ...draft, moderation: { ...draft.moderation, publishedAt: '2027-09-01T10:00:00Z' } },
      context,
    );
    expect(again[0]).toMatchObject({
      createOrReplace: { moderation: { publishedAt: '2027-09-01T10:00:00Z' } },
    });
  });

  it('refuses on the draft only, with its reason', () => {
    expect(refusalMutations(draft, 'Doublon.', context)).toEqual([
      {
        patch: {
          id: 'drafts.submission-abc',
          set: { 'moderation.state': 'refused', 'moderation.refusalReason': 'Doublon.' },
        },
      },
      expect.objectContaining({
        create: expect.objectContaining({ decision: 'refused', reason: 'Doublon.' }),
      }),
    ]);
  });
});

describe('the moderation view’s counts', () => {
  it('counts each event once per region and state, by its draft when it has one', () => {
    const counts = countModeration([
      { _id: 'a', region: 'region-53', state: 'published' },
      { _id: 'drafts.a', region: 'region-53', state: 'toModerate' },
      { _id: 'drafts.b', region: 'region-53', state: 'toModerate' },
      { _id: 'c', region: 'region-53', state: 'published' },
      { _id: 'drafts.d', region: 'region-11', state: 'refused' },
      { _id: 'e', region: null, state: 'published' },
    ]);
    expect(counts.get('region-53')).toEqual({ toModerate: 2, published: 1 });
    expect(counts.get('region-11')).toEqual({ refused: 1 });
    expect(regionTitle('Bretagne', counts.get('region-53'))).toBe('Bretagne (2 à modérer)');
    expect(regionTitle('Corse', undefined)).toBe('Corse');
  });
});

describe('the organiser’s mails', () => {
  const brand = brandOf({ siteName: 'CRESS Bretagne' });
  const decision = {
    decision: 'refused' as const,
    eventId: 'submission-abc',
    submissionId: 'abc',
    title: 'Atelier réparation',
    slug: 'atelier-reparation',
    startsAt: '2027-11-09T17:00:00Z',
    endsAt: '2027-11-09T19:00:00Z',
    reason: 'Les dates sont en dehors de la période de la campagne.',
  };
  const to = 'organisatrice@exemple.org';

  it('says a refusal in French with its reason', async () => {
    const mail = await refusalNotice(decision, {
      brand,
      to,
      campaignTitle: 'Mois de l’ESS 2027',
      eventUrl: null,
    });
    expect(mail.to).toEqual([to]);
    expect(mail.subject).toBe('Proposition non retenue — Atelier réparation');
    expect(mail.text).toContain('Les dates sont en dehors de la période de la campagne.');
    expect(mail.text).toContain('« Mois de l’ESS 2027 »');
    expect(mail.text).toContain('mardi 9 novembre 2027 à 18:00');
  });

  it('says a publication with the link to the event’s page', async () => {
    const mail = await publicationNotice(
      { ...decision, decision: 'published', reason: null },
      {
        brand,
        to,
        campaignTitle: 'Mois de l’ESS 2027',
        eventUrl: 'https://pages.exemple.org/manifestation.html?slug=atelier-reparation',
      },
    );
    expect(mail.subject).toBe('Manifestation publiée — Atelier réparation');
    expect(mail.html).toContain('https://pages.exemple.org/manifestation.html?slug=atelier-reparation');
    expect(mail.text).toContain('Voir la manifestation');
  });
});

describe('the chambers’ daily summary', () => {
  it('summarises the Paris day before, summer and winter time alike', () => {
    expect(previousParisDay(new Date('2027-10-21T05:00:00Z'))).toEqual({
      day: '2027-10-20',
      from: new Date('2027-10-19T22:00:00Z'),
      to: new Date('2027-10-20T22:00:00Z'),
    });
    // 00:30 in Paris on 1 November (winter time): the 31st October, 25 hours long.
    expect(previousParisDay(new Date('2027-10-31T23:30:00Z'))).toEqual({
      day: '2027-10-31',
      from: new Date('2027-10-30T22:00:00Z'),
      to: new Date('2027-10-31T23:00:00Z'),
    });
  });

  it('lists each submission once, its dates together, a draft before its published version', async () => {
    const row = (id: string, submission: string, occurrence: number, version = 1) => ({
      _id: id,
      title: `Atelier ${submission}`,
      startsAt: `2027-11-0${occurrence}T17:00:00Z`,
      endsAt: `2027-11-0${occurrence}T19:00:00Z`,
      regionId: 'region-94',
      organization: 'La Ruche',
      submission,
      version,
      occurrence,
    });
    const lines = summaryLines([
      row('submission-a', 'a', 1),
      row('drafts.submission-a', 'a', 1, 2),
      row('drafts.submission-a-2', 'a', 2, 2),
      row('drafts.submission-b', 'b', 3),
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        submission: 'a',
        edited: true,
        dates: [
          'lundi 1er novembre 2027 à 18:00 – 20:00 (heure de Paris)',
          'mardi 2 novembre 2027 à 18:00 – 20:00 (heure de Paris)',
        ],
      }),
      expect.objectContaining({ submission: 'b', edited: false, title: 'Atelier b' }),
    ]);
    const mail = await chamberDailySummary(lines, {
      brand: brandOf({ siteName: 'CRESS Corse' }),
      chamberEmail: 'programme@cress-corse.example',
      regionName: 'Corse',
      day: '2027-10-20',
      studioUrlOf: (submission) =>
        `https://studio.example/intent/edit/id=submission-${submission};type=event`,
    });
    expect(mail.subject).toBe('[À modérer] 2 propositions du 20 octobre 2027 — Corse');
    expect(mail.text).toContain('Atelier a (modifiée)');
    expect(mail.text).toContain('https://studio.example/intent/edit/id=submission-b;type=event');
  });
});
