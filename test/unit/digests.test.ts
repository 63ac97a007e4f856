import { describe, expect, it } from 'vitest';
import {
  type DigestArticle,
  type DigestEvent,
  type DigestMaterial,
  digestFor,
  digestSignature,
  isEmptyDigest,
  renderDigestMail,
} from '../../functions/newsletters/digestContent.ts';
import {
  digestScheduleOf,
  dueDigests,
  latestMonthly,
  latestWeekly,
} from '../../functions/newsletters/digestSchedule.ts';
import { isInAudience } from '../../functions/newsletters/newsletterSend.ts';
import { afterUnsubscribe } from '../../functions/subscriptions/subscription.ts';

const schedule = digestScheduleOf({
  enabled: true,
  weeklyDay: 1,
  weeklyHour: 8,
  monthlyDay: 1,
  monthlyHour: 9,
  eventWeeks: 4,
});

describe('the digests’ schedule (Paris time)', () => {
  it('finds the latest Monday 8:00 in Paris, winter and summer', () => {
    // Wednesday 10 November 2027: Monday the 8th, 8:00 in Paris is 7:00 UTC (winter time).
    expect(latestWeekly(schedule, new Date('2027-11-10T12:00:00Z'))).toEqual({
      dueAt: new Date('2027-11-08T07:00:00Z'),
      since: new Date('2027-11-01T07:00:00Z'),
    });
    // Monday 14 June 2027 at 7:30 in Paris (5:30 UTC): the time has not come, last week's stands.
    expect(latestWeekly(schedule, new Date('2027-06-14T05:30:00Z')).dueAt).toEqual(
      new Date('2027-06-07T06:00:00Z'),
    );
    // Exactly on time counts.
    expect(latestWeekly(schedule, new Date('2027-06-14T06:00:00Z')).dueAt).toEqual(
      new Date('2027-06-14T06:00:00Z'),
    );
  });

  it('finds the monthly one, across a year and a change of time', () => {
    expect(latestMonthly(schedule, new Date('2027-01-01T07:59:00Z'))).toEqual({
      dueAt: new Date('2026-12-01T08:00:00Z'),
      since: new Date('2026-11-01T08:00:00Z'),
    });
    // 1 April 2027, 9:00 in Paris (summer) since 1 March, 9:00 (winter).
    expect(latestMonthly(schedule, new Date('2027-04-20T00:00:00Z'))).toEqual({
      dueAt: new Date('2027-04-01T07:00:00Z'),
      since: new Date('2027-03-01T08:00:00Z'),
    });
  });

  it('starts a digest in the hours after its time only, under a stable id; none while off', () => {
    expect(dueDigests(schedule, new Date('2027-11-08T07:10:00Z'))).toEqual([
      {
        frequency: 'weekly',
        sendId: 'digest-weekly-2027-11-08',
        dueAt: new Date('2027-11-08T07:00:00Z'),
        since: new Date('2027-11-01T07:00:00Z'),
      },
    ]);
    // Fired again an hour later: the same id (the send is created once).
    expect(dueDigests(schedule, new Date('2027-11-08T08:10:00Z')).map((due) => due.sendId)).toEqual([
      'digest-weekly-2027-11-08',
    ]);
    // Monday 1 November 2027: both, the monthly one at 9:00.
    expect(dueDigests(schedule, new Date('2027-11-01T08:30:00Z')).map((due) => due.sendId)).toEqual([
      'digest-weekly-2027-11-01',
      'digest-monthly-2027-11-01',
    ]);
    // A day late: nothing (last week's digest is not sent late).
    expect(dueDigests(schedule, new Date('2027-11-09T07:10:00Z'))).toEqual([]);
    expect(dueDigests({ ...schedule, enabled: false }, new Date('2027-11-08T07:10:00Z'))).toEqual([]);
  });

  it('keeps editors’ values inside their ranges', () => {
    expect(digestScheduleOf({ enabled: true, weeklyDay: 9, weeklyHour: 24, monthlyDay: 31 })).toMatchObject({
      weeklyDay: 1,
      weeklyHour: 8,
      monthlyDay: 1,
    });
    expect(digestScheduleOf(null).enabled).toBe(false);
  });
});

const article = (id: string, themes: string[] | null): DigestArticle => ({
  _id: id,
  _type: 'article',
  title: `Article ${id}`,
  slug: id,
  excerpt: `Résumé de ${id}`,
  publishedAt: '2027-11-05T10:00:00Z',
  themes,
});
const event = (id: string, region: string, startsAt: string): DigestEvent => ({
  _id: id,
  _type: 'event',
  title: `Manifestation ${id}`,
  slug: id,
  summary: null,
  startsAt,
  endsAt: startsAt.replace('T10', 'T12'),
  status: 'scheduled',
  venue: { name: 'Salle', address: '1 rue de la Paix', postalCode: '35000', city: 'Rennes' },
  onlineUrl: null,
  registration: null,
  region,
});
const material: DigestMaterial = {
  kind: 'digest',
  frequency: 'weekly',
  dueAt: '2027-11-08T07:00:00.000Z',
  since: '2027-11-01T07:00:00.000Z',
  eventsUntil: '2027-12-06T07:00:00.000Z',
  introduction: 'Bonne lecture.',
  fromName: 'CRESS Exemple',
  brand: { siteName: 'CRESS Exemple', logoUrl: null, colour: null, postalAddress: null },
  articles: [article('emploi', ['emploi']), article('general', null), article('climat', ['transition'])],
  eventsByRegion: {
    '53': [event('rennes', '53', '2027-11-12T10:00:00Z'), event('brest', '53', '2027-11-20T10:00:00Z')],
    '28': [event('caen', '28', '2027-11-10T10:00:00Z')],
  },
  regionNames: { '53': 'Bretagne', '28': 'Normandie' },
};

describe('a subscriber’s digest', () => {
  it('holds the articles of their themes (and those of no theme), the events of their regions', () => {
    const selection = digestFor(material, { regions: ['53'], themes: ['emploi'] });
    expect(selection.articles.map((a) => a._id)).toEqual(['emploi', 'general']);
    expect(selection.events.map((e) => e._id)).toEqual(['rennes', 'brest']);
  });

  it('holds everything for a subscriber who chose no theme and no region, soonest events first', () => {
    const selection = digestFor(material, { regions: [], themes: [] });
    expect(selection.articles).toHaveLength(3);
    expect(selection.events.map((e) => e._id)).toEqual(['caen', 'rennes', 'brest']);
  });

  it('is empty when nothing concerns them, and shared by those who get the same', () => {
    const quiet: DigestMaterial = { ...material, articles: [article('climat', ['transition'])] };
    expect(isEmptyDigest(digestFor(quiet, { regions: ['11'], themes: ['emploi'] }))).toBe(true);
    expect(isEmptyDigest(digestFor(quiet, { regions: ['28'], themes: ['emploi'] }))).toBe(false);
    expect(digestSignature(digestFor(material, { regions: ['53'], themes: ['emploi'] }))).toBe(
      digestSignature(digestFor(material, { regions: ['53'], themes: ['emploi', 'logement'] })),
    );
  });

  it('renders as an SES template with the greeting and links once, the cards and the programme', async () => {
    const mail = await renderDigestMail(
      material,
      digestFor(material, { regions: ['53'], themes: ['emploi'] }),
      new Date('2027-11-08T07:00:00Z'),
    );
    expect(mail.subject).toBe('Votre résumé de la semaine — CRESS Exemple');
    for (const placeholder of ['{{greeting}}', '{{preferencesUrl}}', '{{unsubscribeUrl}}'])
      expect(mail.text.split(placeholder)).toHaveLength(2);
    expect(mail.text).toContain('Bonne lecture.');
    expect(mail.text).toContain('Les actualités depuis le 1er novembre 2027');
    expect(mail.text).toContain('Article emploi');
    expect(mail.text).not.toContain('Article climat');
    expect(mail.text).toContain('Les prochaines manifestations en Bretagne');
    expect(mail.text).toContain('Manifestation brest');
    expect(mail.text).not.toContain('Manifestation caen');
    expect(mail.text).toContain('Tout le programme en Bretagne');
  });
});

describe('the digest’s audience and unsubscribe link', () => {
  const subscriber = {
    status: 'confirmed' as const,
    lists: ['lettre'],
    regions: [],
    themes: [],
    digest: 'weekly' as const,
  };
  it('is everyone confirmed who chose that frequency', () => {
    const weekly = { lists: [], regions: [], themes: [], digest: 'weekly' as const };
    expect(isInAudience(subscriber, weekly)).toBe(true);
    expect(isInAudience({ ...subscriber, digest: 'monthly' }, weekly)).toBe(false);
    expect(isInAudience({ ...subscriber, status: 'pending' }, weekly)).toBe(false);
  });
  it('stops the digests and keeps the lists; with no list left, ends the subscription', () => {
    expect(afterUnsubscribe(subscriber, { list: '_digest' })).toEqual({ ...subscriber, digest: 'none' });
    expect(afterUnsubscribe({ ...subscriber, lists: [] }, { list: '_digest' })).toBe('ended');
  });
});
