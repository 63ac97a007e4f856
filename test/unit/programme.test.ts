import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { contactConfigFromEnv, withTopicsFromSettings } from '../../functions/contact/topics.ts';
import { eventsCalendar } from '../../functions/programme/calendar.ts';
import {
  dateBounds,
  decodeCursor,
  encodeCursor,
  programmePageSchema,
  programmeQueryParams,
} from '../../functions/programme/programmeFilters.ts';
import { ProgrammeSnapshot, type SnapshotEvent } from '../../functions/programme/programmeSnapshot.ts';
import { registrationState } from '../../functions/programme/registrationState.ts';
import { searchEvents } from '../../functions/programme/textSearch.ts';
import { ContentCache } from '../../functions/shared/content/contentCache.ts';

describe('programme filters', () => {
  it('turns Paris days into instants, the end day included', () => {
    expect(dateBounds({ from: '2027-11-10', to: '2027-11-20' })).toEqual({
      from: '2027-11-09T23:00:00.000Z',
      to: '2027-11-20T23:00:00.000Z',
    });
    // Summer time: Paris is two hours ahead.
    expect(dateBounds({ from: '2027-07-01' }).from).toBe('2027-06-30T22:00:00.000Z');
    expect(dateBounds({ from: '2027-11-10T18:00:00+01:00' }).from).toBe('2027-11-10T17:00:00.000Z');
  });

  it('resolves codes and slugs to ids, and an unknown one to nothing', () => {
    const references = {
      regions: [{ _id: 'region-53', code: '53' }],
      campaigns: [{ _id: 'c1', slug: 'mois-ess-2027' }],
    };
    const filters = programmePageSchema.parse({
      region: '53',
      campaign: 'mois-ess-2027',
      openToAll: 'false',
    });
    expect(programmeQueryParams(filters, references)).toMatchObject({
      regionId: 'region-53',
      campaignId: 'c1',
      openToAll: false,
    });
    expect(programmeQueryParams(programmePageSchema.parse({ region: '11' }), references).regionId).toBe(
      'none',
    );
    expect(programmeQueryParams(programmePageSchema.parse({}), references)).toMatchObject({
      regionId: null,
      ids: null,
    });
  });

  it('round-trips cursors and refuses forged ones', () => {
    const cursor = encodeCursor('2027-11-02T09:00:00.000Z', 'event-1');
    expect(decodeCursor(cursor)).toEqual({ afterStartsAt: '2027-11-02T09:00:00.000Z', afterId: 'event-1' });
    expect(decodeCursor('nimporte-quoi')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toBeNull();
  });

  it('searches without caring for accents or case, each word as a prefix', () => {
    const events = [
      { _id: 'a', title: 'Épargne solidaire', summary: null, venue: { city: 'Lyon' } },
      { _id: 'b', title: 'Coopérative', summary: 'Atelier', venue: { city: 'Lille' } },
    ];
    expect(searchEvents(events, 'epargne')).toEqual(['a']);
    expect(searchEvents(events, 'COOP lil')).toEqual(['b']);
    expect(searchEvents(events, 'coop lyon')).toEqual([]);
    expect(searchEvents(events, '  ')).toBeNull();
  });
});

describe('registrationState', () => {
  const event = {
    startsAt: '2027-11-14T17:00:00Z',
    status: 'scheduled',
    registration: { enabled: true, capacity: 30, waitingList: true, closesAt: '2027-11-13T17:00:00Z' },
  };
  const at = (iso: string) => new Date(iso);

  it('is open until the closing time, then says why it closed', () => {
    expect(registrationState(event, at('2027-11-01T00:00:00Z'))).toEqual({
      open: true,
      closedReason: null,
      capacity: 30,
      waitingList: true,
      confirmationRequired: true,
    });
    expect(registrationState(event, at('2027-11-13T17:00:00Z')).closedReason).toBe('closed');
    expect(
      registrationState({ ...event, registration: { enabled: true } }, at('2027-11-14T17:00:00Z'))
        .closedReason,
    ).toBe('started');
    expect(
      registrationState({ ...event, status: 'cancelled' }, at('2027-11-01T00:00:00Z')).closedReason,
    ).toBe('cancelled');
    expect(
      registrationState({ ...event, registration: { enabled: false } }, at('2027-11-01T00:00:00Z'))
        .closedReason,
    ).toBe('disabled');
  });

  it('asks for confirmation by e-mail as editors chose, by default when places are limited', () => {
    const now = at('2027-11-01T00:00:00Z');
    const withRegistration = (registration: Record<string, unknown>) =>
      registrationState({ ...event, registration: { enabled: true, ...registration } }, now)
        .confirmationRequired;
    expect(withRegistration({ capacity: 30 })).toBe(true);
    expect(withRegistration({})).toBe(false);
    expect(withRegistration({ capacity: 30, confirmationRequired: false })).toBe(false);
    expect(withRegistration({ confirmationRequired: true })).toBe(true);
  });

  it('has no waiting list without a capacity', () => {
    expect(
      registrationState(
        { ...event, registration: { enabled: true, waitingList: true } },
        at('2027-11-01T00:00:00Z'),
      ),
    ).toMatchObject({
      capacity: null,
      waitingList: false,
    });
  });
});

describe('eventsCalendar', () => {
  it('writes Paris wall-clock times with their zone, UTC stamps, and marks cancellations', () => {
    const ics = eventsCalendar(
      [
        {
          _id: 'e1',
          _updatedAt: '2027-10-01T08:00:00Z',
          title: 'Ciné-débat',
          slug: 'cine-debat',
          summary: 'Un film, un débat.',
          startsAt: '2027-11-14T18:00:00Z',
          endsAt: '2027-11-14T20:30:00Z',
          status: 'cancelled',
          venue: {
            _type: 'venue',
            name: 'Salle des fêtes',
            address: '1 place de la Mairie',
            postalCode: '35000',
            city: 'Rennes',
            location: { _type: 'geopoint', lat: 48.11, lng: -1.68 },
          },
          onlineUrl: null,
          organizer: 'SCIC Exemple',
        },
      ],
      { name: 'Programme', eventUrl: (slug) => `https://www.cress.example/manifestations/${slug}` },
    );
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component;
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20271114T190000');
    expect(ics).toContain('DTSTAMP:20271001T080000Z');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('summary')).toBe('Annulé : Ciné-débat');
    expect(vevent.getFirstPropertyValue('location')).toBe(
      'Salle des fêtes\n1 place de la Mairie, 35000 Rennes',
    );
    expect(vevent.getFirstPropertyValue('url')).toBe('https://www.cress.example/manifestations/cine-debat');
  });

  it('gives a parser back the exact texts and instants: escapes, folded lines, both sides of a DST change', () => {
    const title = 'Atelier « ESS » ; débat, visite\\suite\nsur deux lignes — 🐝 '.repeat(6);
    const event = (id: string, startsAt: string, endsAt: string, venueName?: string) => ({
      _id: id,
      _updatedAt: '2027-09-01T10:00:00Z',
      title,
      slug: id,
      summary: null,
      startsAt,
      endsAt,
      status: 'scheduled' as const,
      venue: {
        _type: 'venue' as const,
        ...(venueName ? { name: venueName } : {}),
        city: 'Lille',
        location: { _type: 'geopoint' as const, lat: 50.63, lng: 3.06 },
      },
      onlineUrl: null,
      organizer: null,
    });
    const ics = eventsCalendar(
      [
        // 01:00 summer time to 04:00 winter time: four hours across the night the clocks go back.
        event('dst', '2027-10-30T23:00:00Z', '2027-10-31T03:00:00Z', 'Gare Saint-Sauveur'),
        // An end before the start is swapped; a venue without a name keeps its coordinates.
        event('swapped', '2027-03-28T03:00:00Z', '2027-03-28T00:30:00Z'),
      ],
      { name: 'Hauts-de-France, ESS\n2027', eventUrl: (slug) => `https://www.cress.example/m/${slug}` },
    );
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Hauts-de-France, ESS 2027');
    const [dst, swapped] = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(dst?.summary).toBe(title);
    expect(dst?.location).toBe('Gare Saint-Sauveur\nLille');
    expect(dst?.startDate.toJSDate().toISOString()).toBe('2027-10-30T23:00:00.000Z');
    expect(dst?.endDate.toJSDate().toISOString()).toBe('2027-10-31T03:00:00.000Z');
    expect(swapped?.startDate.toJSDate().toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(swapped?.endDate.toJSDate().toISOString()).toBe('2027-03-28T03:00:00.000Z');
    expect(swapped?.location).toBeNull();
    expect(swapped?.component.getFirstPropertyValue('geo')).toEqual([50.63, 3.06]);
  });
});

describe('ProgrammeSnapshot.eventBySlug', () => {
  it('finds a published event by its slug, and the edited one after a delta', () => {
    const event = (id: string, slug: string, title: string) =>
      ({ _id: id, slug, title, startsAt: '2027-11-05T09:00:00Z' }) as unknown as SnapshotEvent;
    const before = new ProgrammeSnapshot({
      regions: [],
      campaigns: [],
      events: [event('e1', 'atelier', 'Atelier'), event('e2', 'forum', 'Forum')],
    });
    expect(before.eventBySlug('forum')?._id).toBe('e2');
    expect(before.eventBySlug('inconnu')).toBeUndefined();
    const after = before.withChanges({
      from: 'x',
      regions: [],
      campaigns: [],
      removals: ['e1'],
      upserts: [event('e2', 'forum', 'Forum de l’emploi')],
    });
    expect(after.eventBySlug('atelier')).toBeUndefined();
    expect(after.eventBySlug('forum')?.title).toBe('Forum de l’emploi');
    // The snapshot held before is unchanged.
    expect(before.eventBySlug('forum')?.title).toBe('Forum');
  });
});

describe('ContentCache', () => {
  it('answers from memory until the revision moves, checking it at most once per interval', async () => {
    let revision = 'r1';
    let revisionReads = 0;
    const source = {
      currentRevision: async () => {
        revisionReads++;
        return revision;
      },
    };
    const cache = new ContentCache(source, { checkIntervalMs: 0 });
    let loads = 0;
    const load = async () => ++loads;
    expect((await cache.get('q', load)).value).toBe(1);
    expect((await cache.get('q', load)).value).toBe(1);
    revision = 'r2';
    expect((await cache.get('q', load)).value).toBe(2);
    expect(revisionReads).toBe(3);

    const slow = new ContentCache(source, { checkIntervalMs: 60_000 });
    revisionReads = 0;
    await slow.get('q', load);
    await slow.get('other', load);
    expect(revisionReads).toBe(1);
    // A decision revalidates: a change recorded a moment ago is seen at once.
    revision = 'r3';
    expect((await slow.get('q', load)).revision).toBe('r2');
    expect(await slow.get('q', load, { revalidate: true })).toEqual({ value: 5, revision: 'r3' });
    expect(revisionReads).toBe(2);
    // A decision that read the revision itself passes it: no second read, the same cached value.
    expect(await slow.get('q', load, { atRevision: 'r3' })).toEqual({ value: 5, revision: 'r3' });
    expect(await slow.get('q', load, { atRevision: 'r4' })).toEqual({ value: 6, revision: 'r4' });
    expect(revisionReads).toBe(2);
  });
});

describe('contact topics from the site settings', () => {
  it('replaces the configured topics when the settings give usable ones', () => {
    const base = contactConfigFromEnv({});
    const config = withTopicsFromSettings(base, [
      { id: 'benevolat', label: 'Bénévolat', recipients: ['benevoles@cress.example'] },
      { id: 'incomplet', label: null, recipients: null },
    ]);
    expect(config.topics).toEqual([{ id: 'benevolat', label: 'Bénévolat' }]);
    expect(config.recipients.benevolat).toEqual(['benevoles@cress.example']);
    expect(withTopicsFromSettings(base, null)).toBe(base);
  });
});
