import { describe, expect, it } from 'vitest';
import { eventChanges } from '../../functions/registrations/eventChangeNotice.ts';
import {
  contentVersion,
  placesAdded,
  refreshedSnapshot,
  waitingListMoves,
} from '../../functions/registrations/followEventChange.ts';
import { type Registration, retentionEnd } from '../../functions/registrations/registration.ts';
import { emailFor, registrationEmail } from '../../functions/registrations/registrationEmails.ts';
import {
  signAttendeeListToken,
  signManageToken,
  verifyAttendeeListToken,
  verifyManageToken,
} from '../../functions/registrations/registrationLinks.ts';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import { keyedAddressHash } from '../../functions/shared/tokens/keyedAddressHash.ts';
import { keyRingFromJson } from '../../functions/shared/tokens/signedTokens.ts';

const reference = { eventId: 'event-2027-00012', registrationId: 'r-1' };
const now = new Date('2027-10-20T08:00:00Z');

describe('manage tokens', () => {
  const ring = keyRingFromJson('{"k1":"ancienne-cle","k2":"nouvelle-cle"}', 'k2');

  it('verify what they sign, with the current key or an older one still listed', () => {
    expect(verifyManageToken(signManageToken(reference, ring), ring, now)).toEqual(reference);
    const old = signManageToken(reference, { ...ring, currentKeyId: 'k1' });
    expect(verifyManageToken(old, ring, now)).toEqual(reference);
    expect(verifyManageToken(old, keyRingFromJson('{"k2":"nouvelle-cle"}', 'k2'), now)).toBeNull();
  });

  it('carry ids only, nothing derived from the address', () => {
    const [, payload] = signManageToken(reference, ring).split('.') as [string, string];
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toEqual([
      'registration',
      'event-2027-00012',
      'r-1',
    ]);
  });

  it('refuse any change to the payload, the key id or the signature', () => {
    const [keyId, payload, mac] = signManageToken(reference, ring).split('.') as [string, string, string];
    const otherPayload = Buffer.from(JSON.stringify(['registration', 'event-2027-00012', 'r-2'])).toString(
      'base64url',
    );
    expect(verifyManageToken(`${keyId}.${otherPayload}.${mac}`, ring, now)).toBeNull();
    expect(verifyManageToken(`k1.${payload}.${mac}`, ring, now)).toBeNull();
    expect(verifyManageToken(`${keyId}.${payload}.${mac.slice(1)}`, ring, now)).toBeNull();
    expect(verifyManageToken('a.b', ring, now)).toBeNull();
  });

  it('need configured keys', () => {
    expect(() => keyRingFromJson(undefined, null)).toThrow(/not configured/);
    expect(keyRingFromJson('{"k1":"s"}', null).currentKeyId).toBe('k1');
  });
});

describe('registrations', () => {
  it('treat addresses that differ by case or spaces as one person', () => {
    expect(keyedAddressHash('cle', ' Ines@Exemple.FR ')).toBe(keyedAddressHash('cle', 'ines@exemple.fr'));
    expect(keyedAddressHash('cle', 'ines@exemple.fr')).not.toBe(
      keyedAddressHash('autre-cle', 'ines@exemple.fr'),
    );
  });

  it('are kept six months after the event ends', () => {
    expect(retentionEnd('2027-11-14T20:00:00Z', 6)).toBe(Date.parse('2028-05-14T20:00:00Z') / 1000);
  });

  const registration = {
    id: 'r-1',
    eventId: 'e',
    addressKey: 'h',
    name: 'Inès',
    email: 'ines@exemple.fr',
    status: 'confirmed',
    registeredAt: '2027-10-20T08:00:00Z',
    consent: { textVersion: 'v', givenAt: '2027-10-20T08:00:00Z' },
    event: {
      id: 'e',
      slug: 'atelier',
      title: 'Atelier <vélo>',
      startsAt: '2027-11-14T17:00:00Z',
      endsAt: '2027-11-14T19:00:00Z',
      venue: null,
      onlineUrl: 'https://visio.example/a',
    },
    eventAsOf: '2027-10-20T08:00:00Z',
    expiresAt: 0,
  } satisfies Registration;

  it('choose one e-mail per change of status, and one per link request', () => {
    const waiting = { ...registration, status: 'waitlisted' as const };
    const cancelled = { ...registration, status: 'cancelled' as const };
    expect(emailFor(undefined, registration)).toEqual({ kind: 'confirmation', key: 'r-1#confirmation' });
    expect(emailFor(undefined, waiting)?.kind).toBe('waitlisted');
    expect(emailFor(waiting, registration)?.kind).toBe('promoted');
    expect(emailFor(registration, cancelled)?.kind).toBe('cancelled');
    expect(
      emailFor(registration, { ...registration, linkResentAt: '2027-10-21T08:00:00Z' } as Registration),
    ).toEqual({
      kind: 'link',
      key: 'r-1#link#2027-10-21T08:00:00Z',
    });
    expect(emailFor(registration, registration)).toBeUndefined();
    const moved = { ...registration.event, startsAt: '2027-11-21T17:00:00Z', endsAt: '2027-11-21T19:00:00Z' };
    expect(emailFor(registration, { ...registration, event: moved, eventAsOf: 'v2' })).toMatchObject({
      kind: 'eventChanged',
      key: 'r-1#change#v2',
      changes: { cancelled: false },
    });
    const renamed = { ...registration.event, title: 'Atelier vélo' };
    expect(emailFor(registration, { ...registration, event: renamed, eventAsOf: 'v2' })).toBeUndefined();
    expect(emailFor(cancelled, { ...cancelled, event: moved, eventAsOf: 'v2' })).toBeUndefined();
  });

  it('confirm in French with the manage link and an .ics, escaping the event title', async () => {
    const email = await registrationEmail('confirmation', registration, {
      brand: brandOf({ siteName: 'CRESS' }),
      eventUrl: (slug: string | null) => `https://www.cress.example/manifestations/${slug}`,
      manageUrl: 'https://www.cress.example/inscriptions/t',
      retentionMonths: 3,
    });
    expect(email.subject).toBe('Inscription confirmée : Atelier <vélo>');
    expect(email.html).toContain('Atelier &lt;vélo&gt;');
    expect(email.text).toContain('https://www.cress.example/inscriptions/t');
    expect(email.text).toContain('dimanche 14 novembre 2027 à 18:00 – 20:00 (heure de Paris)');
    expect(email.attachments?.[0]?.content).toContain('DTSTART;TZID=Europe/Paris:20271114T180000');
    expect(email.text).toContain('Vos données sont supprimées 3 mois après celle-ci.');
    const context = {
      brand: brandOf({ siteName: 'C' }),
      eventUrl: (slug: string | null) => `https://x/${slug}`,
      manageUrl: 'https://x/t',
      retentionMonths: 6,
    };
    const cancelledPlace = await registrationEmail('cancelled', registration, context);
    expect(cancelledPlace.attachments).toBeUndefined();
    expect(cancelledPlace.text).toContain('votre place est libérée');
    expect(
      (await registrationEmail('cancelled', registration, { ...context, cancelledFrom: 'waitlisted' })).text,
    ).toContain('vous ne figurez plus sur la liste d’attente');
  });
});

describe('registrations following their event', () => {
  const fields = {
    title: 'Atelier',
    slug: 'atelier',
    startsAt: '2027-11-14T17:00:00Z',
    endsAt: '2027-11-14T19:00:00Z',
    status: 'scheduled',
    venue: { name: 'Tiers-lieu', city: 'Rennes' },
    onlineUrl: null,
    registration: { capacity: 12, waitingList: true },
  };
  const change = (after: Partial<typeof fields>, before: Partial<typeof fields> = {}) => ({
    documentId: 'e',
    type: 'event',
    revision: 'r',
    operation: 'update' as const,
    updatedAt: '2027-10-21T09:00:00Z',
    before: { ...fields, ...before },
    after: { ...fields, ...after },
  });

  it('take the new details of an edited event, and only when what they keep of it changed', () => {
    expect(
      refreshedSnapshot(change({ startsAt: '2027-11-21T17:00:00Z', endsAt: '2027-11-21T19:00:00Z' })),
    ).toEqual({
      id: 'e',
      slug: 'atelier',
      title: 'Atelier',
      startsAt: '2027-11-21T17:00:00Z',
      endsAt: '2027-11-21T19:00:00Z',
      venue: { name: 'Tiers-lieu', city: 'Rennes' },
      onlineUrl: null,
      status: 'scheduled',
    });
    expect(refreshedSnapshot(change({ title: 'Atelier vélo' }))?.title).toBe('Atelier vélo');
    expect(refreshedSnapshot(change({ status: 'cancelled' }))?.status).toBe('cancelled');
    expect(refreshedSnapshot(change({ registration: { capacity: 20, waitingList: true } }))).toBeNull();
    expect(refreshedSnapshot({ ...change({ title: 'X' }), type: 'article' })).toBeNull();
  });

  it('move the waiting list when editors add places or lift the limit, not when they take some away', () => {
    expect(placesAdded(change({ registration: { capacity: 15, waitingList: true } }))).toBe(true);
    expect(placesAdded({ ...change({}), after: { ...fields, registration: null } })).toBe(true);
    expect(placesAdded(change({ registration: { capacity: 10, waitingList: true } }))).toBe(false);
    expect(placesAdded(change({ title: 'Autre' }))).toBe(false);
    expect(placesAdded({ ...change({}), before: { ...fields, registration: null } })).toBe(false);
  });

  it('tell registrants what changed since what they knew, in French, and nothing for a new title', () => {
    const known = { ...fields, status: 'scheduled' };
    expect(eventChanges(known, { ...known, status: 'full' })).toBeNull();
    expect(eventChanges(known, { ...known, startsAt: '2027-11-14T18:00:00Z' })).toEqual({
      cancelled: false,
      lines: ['Date : dimanche 14 novembre 2027 à 19:00 (au lieu de dimanche 14 novembre 2027 à 18:00).'],
    });
    expect(
      eventChanges(known, { ...known, venue: null, onlineUrl: 'https://visio.example/a' })?.lines,
    ).toEqual(['Lieu : en ligne (https://visio.example/a) (au lieu de Tiers-lieu, Rennes).']);
    expect(eventChanges(known, { ...known, status: 'cancelled' })).toEqual({
      cancelled: true,
      lines: ['La manifestation est annulée.'],
    });
    expect(eventChanges({ ...known, status: 'postponed' }, known)?.lines).toEqual([
      'La manifestation aura bien lieu.',
    ]);
    // Registrations made before the status was kept: no status known, nothing to say of it.
    expect(eventChanges({ ...known, status: undefined }, known)).toBeNull();
  });

  it('order edits by the version of the event, whatever the format Sanity gives it in', () => {
    expect(contentVersion('2027-10-21T09:00:00Z')).toBe('2027-10-21T09:00:00.000Z');
    expect(contentVersion('2027-10-21T09:00:00Z') < contentVersion('2027-10-21T09:00:00.5Z')).toBe(true);
    expect(contentVersion(null)).toBe('');
    expect(contentVersion('pas une date')).toBe('');
  });

  it('stop the waiting list once the event starts, and while it is cancelled or postponed', () => {
    const event = { startsAt: '2027-11-14T17:00:00Z', status: 'scheduled', registration: null };
    expect(waitingListMoves(event, new Date('2027-11-14T16:59:00Z'))).toBe(true);
    expect(waitingListMoves(event, new Date('2027-11-14T17:00:00Z'))).toBe(false);
    expect(waitingListMoves({ ...event, status: 'cancelled' }, new Date('2027-11-01T00:00:00Z'))).toBe(false);
    expect(waitingListMoves({ ...event, status: 'postponed' }, new Date('2027-11-01T00:00:00Z'))).toBe(false);
    expect(waitingListMoves(null, new Date('2027-11-01T00:00:00Z'))).toBe(false);
  });
});

describe('attendee list links', () => {
  const ring = keyRingFromJson('{"k1":"cle"}', 'k1');

  it('open one event’s list until they expire, and are no manage links', () => {
    const token = signAttendeeListToken('event-1', Date.parse('2027-10-21T08:00:00Z') / 1000, ring);
    expect(verifyAttendeeListToken(token, ring, new Date('2027-10-20T08:00:00Z'))).toEqual({
      eventId: 'event-1',
    });
    expect(verifyAttendeeListToken(token, ring, new Date('2027-10-21T08:00:01Z'))).toBeNull();
    expect(verifyManageToken(token, ring, now)).toBeNull();
  });
});
