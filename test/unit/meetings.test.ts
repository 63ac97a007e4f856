import { describe, expect, it } from 'vitest';
import { meetingChangeEmail, scheduleEmail } from '../../functions/meetings/meetingEmails.ts';
import {
  type BusinessMeetingDocument,
  meetingEventOf,
  meetingSlots,
  retentionEnd,
  wishesOpen,
} from '../../functions/meetings/meetingEvent.ts';
import { gridOf } from '../../functions/meetings/meetingGrid.ts';
import { gridCsv } from '../../functions/meetings/meetingGridCsv.ts';
import { moveRefusal } from '../../functions/meetings/meetingGridRules.ts';
import {
  type MeetingParticipantItem,
  participantIdOf,
  publicProfileOf,
} from '../../functions/meetings/meetingItems.ts';
import {
  signGridToken,
  signParticipantToken,
  verifyGridToken,
  verifyParticipantToken,
} from '../../functions/meetings/meetingLinks.ts';
import { meetingSpaceView, personalMeetings } from '../../functions/meetings/meetingSpace.ts';
import { keyRingFromJson } from '../../functions/shared/tokens/signedTokens.ts';

const document: BusinessMeetingDocument = {
  _id: 'businessMeeting-1',
  _updatedAt: '2027-10-01T08:00:00Z',
  title: 'Rencontre d’affaires de Rennes',
  slug: 'rencontre-rennes',
  summary: null,
  sideA: { label: 'Acheteurs', description: null },
  sideB: { label: 'Fournisseurs de l’ESS', description: null },
  date: '2027-11-16',
  firstSlotAt: '09:00',
  lastSlotEndsAt: '12:00',
  slotMinutes: 20,
  tables: 2,
  wishesDeadline: '2027-11-09T17:00:00Z',
  venue: {
    _type: 'venue',
    name: 'La Ruche',
    address: '12 rue des Lilas',
    postalCode: '35000',
    city: 'Rennes',
  },
  onlineUrl: null,
  organiserEmail: 'equipe@cress-exemple.fr',
};
const event = meetingEventOf(document) as NonNullable<ReturnType<typeof meetingEventOf>>;

const participant = (
  id: string,
  side: 'a' | 'b',
  availableSlots: number[],
  wishes: string[] = [],
): MeetingParticipantItem => ({
  pk: `MEETING#${event.id}`,
  sk: `PART#${id}`,
  eventId: event.id,
  id,
  side,
  name: `Nom ${id}`,
  organisation: `=Structure ${id}`,
  offer: 'Des repas bio et locaux',
  availableSlots,
  wishes,
  email: `${id}@exemple.fr`,
  addressKey: `key-${id}`,
  registeredAt: '2027-10-02T08:00:00Z',
  linkRequestedAt: '2027-10-02T08:00:00Z',
  consentAt: '2027-10-02T08:00:00Z',
  expiresAt: retentionEnd(event),
});

describe('business-meeting events', () => {
  it('cut the morning into slots on Paris time: 20 minutes from 9:00 to 12:00 are nine', () => {
    expect(event.slots.map((slot) => slot.time)).toEqual([
      '09:00',
      '09:20',
      '09:40',
      '10:00',
      '10:20',
      '10:40',
      '11:00',
      '11:20',
      '11:40',
    ]);
    // November: Paris is UTC+1.
    expect(event.slots[0]).toMatchObject({
      startsAt: '2027-11-16T08:00:00.000Z',
      endsAt: '2027-11-16T08:20:00.000Z',
    });
    // Summer time: UTC+2; a slot that would end after the last time is not made.
    expect(meetingSlots('2027-06-15', 9 * 60, 10 * 60 + 10, 20).map((slot) => slot.startsAt)).toEqual([
      '2027-06-15T07:00:00.000Z',
      '2027-06-15T07:20:00.000Z',
      '2027-06-15T07:40:00.000Z',
    ]);
  });

  it('are not open until complete, and take wishes until the deadline only', () => {
    expect(meetingEventOf({ ...document, tables: null })).toBeNull();
    expect(meetingEventOf({ ...document, firstSlotAt: '9h' })).toBeNull();
    expect(meetingEventOf({ ...document, lastSlotEndsAt: '09:10' })).toBeNull();
    expect(wishesOpen(event, new Date('2027-11-09T16:59:59Z'))).toBe(true);
    expect(wishesOpen(event, new Date('2027-11-09T17:00:00Z'))).toBe(false);
  });
});

describe('participants and links', () => {
  const ring = keyRingFromJson('{"k1":"une-cle-de-test"}', 'k1');
  const now = new Date('2027-10-20T08:00:00Z');

  it('are one per address and event, whatever its case', () => {
    const id = participantIdOf('cle', event.id, 'Anne@Exemple.fr');
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(participantIdOf('cle', event.id, ' anne@exemple.fr ')).toBe(id);
    expect(participantIdOf('cle', 'businessMeeting-2', 'anne@exemple.fr')).not.toBe(id);
  });

  it('sign a participant’s link and an organiser’s link that lapses', () => {
    const id = 'a'.repeat(24);
    const token = signParticipantToken(event.id, id, ring);
    expect(verifyParticipantToken(token, ring, now)).toEqual({ eventId: event.id, participantId: id });
    expect(verifyParticipantToken(`${token.slice(0, -2)}xx`, ring, now)).toBeNull();
    const grid = signGridToken(event.id, Math.floor(now.getTime() / 1000) + 60, ring);
    expect(verifyGridToken(grid, ring, now)).toEqual({ eventId: event.id });
    expect(verifyGridToken(grid, ring, new Date(now.getTime() + 61_000))).toBeNull();
    // A token of one purpose is no token of the other.
    expect(verifyGridToken(token, ring, now)).toBeNull();
    expect(verifyParticipantToken(grid, ring, now)).toBeNull();
  });
});

describe('the grid', () => {
  const people = [
    participant('a1', 'a', [0, 1, 2], ['b1', 'b2']),
    participant('a2', 'a', [0, 1], ['b1']),
    participant('b1', 'b', [0, 1, 2], ['a1']),
    participant('b2', 'b', [2], []),
  ];
  const byId = new Map(people.map((person) => [person.id, person]));
  const { meetings, schedule } = gridOf(event, people, 123);

  it('is the scheduler’s, as items with stable ids, version 1', () => {
    expect(meetings).toHaveLength(schedule.meetings.length);
    expect(meetings.map((meeting) => meeting.id)).toEqual(meetings.map((_, index) => `M000${index + 1}`));
    expect(meetings.every((meeting) => meeting.version === 1 && meeting.status === 'scheduled')).toBe(true);
    expect(meetings.find((meeting) => meeting.a === 'a1' && meeting.b === 'b1')?.kind).toBe('mutual');
  });

  it('refuses a move that breaks its rules, with the reason', () => {
    const at = (id: string, a: string, b: string, slot: number, table: number) => ({
      ...(meetings[0] as NonNullable<(typeof meetings)[0]>),
      id,
      a,
      b,
      slot,
      table,
    });
    // a1 meets b1 at 09:00 table 1, a2 meets b1 at 09:20 table 1.
    const grid = [at('M1', 'a1', 'b1', 0, 0), at('M2', 'a2', 'b1', 1, 0), at('M3', 'a1', 'b2', 2, 0)];
    const [m1, m2, m3] = grid as [(typeof grid)[0], (typeof grid)[0], (typeof grid)[0]];
    expect(moveRefusal(event, m1, { slot: 2, table: 5 }, grid, byId)).toEqual({ reason: 'tableUnknown' });
    // Each participant in turn: Anne has a meeting at 09:00 (and b2 could not come then anyway).
    expect(moveRefusal(event, m3, { slot: 0, table: 1 }, grid, byId)).toEqual({
      reason: 'busy',
      who: 'Nom a1',
    });
    expect(moveRefusal(event, m1, { slot: 1, table: 1 }, grid, byId)).toEqual({
      reason: 'busy',
      who: 'Nom b1',
    });
    expect(moveRefusal(event, m3, { slot: 1, table: 1 }, grid, byId)).toEqual({
      reason: 'unavailable',
      who: 'Nom b2',
    });
    expect(moveRefusal(event, m2, { slot: 2, table: 0 }, grid, byId)).toEqual({
      reason: 'unavailable',
      who: 'Nom a2',
    });
    const b1Free = [m1, { ...m3, a: 'a1', b: 'b2', slot: 2, table: 0 }];
    expect(moveRefusal(event, { ...m2, a: 'a2', b: 'b1' }, { slot: 0, table: 0 }, b1Free, byId)).toEqual({
      reason: 'busy',
      who: 'Nom b1',
    });
    // A cancelled meeting holds nothing; a free table at a time both can come is fine.
    const cancelledFirst = [{ ...m1, status: 'cancelled' as const }, m2, m3];
    expect(moveRefusal(event, m2, { slot: 0, table: 0 }, cancelledFirst, byId)).toBeNull();
    const other = participant('a3', 'a', [0, 1, 2]);
    const withA3 = new Map([...byId, ['a3', other]]);
    const a3b1 = at('M4', 'a3', 'b1', 0, 1);
    expect(moveRefusal(event, a3b1, { slot: 2, table: 0 }, [...grid, a3b1], withA3)).toEqual({
      reason: 'tableTaken',
    });
    expect(moveRefusal(event, m1, { slot: 1, table: 1 }, [m1, m3], byId)).toBeNull();
  });

  it('exports as a spreadsheet: BOM, semicolons, formulas kept as text, cancelled last', () => {
    const profiles = new Map(people.map((person) => [person.id, publicProfileOf(person)]));
    const first = meetings[0];
    if (!first) throw new Error('no meeting');
    const csv = gridCsv(event, [{ ...first, status: 'cancelled' }, ...meetings.slice(1)], profiles);
    expect(csv.startsWith('\uFEFFRendez-vous;Heure;Table;Acheteurs;')).toBe(true);
    expect(csv).toContain(";'=Structure a1;");
    expect(csv.trim().split('\r\n').at(-1)).toMatch(/;Annulé$/);
  });

  it('shows each participant their meetings, and the others of the other side who confirmed their address only', () => {
    const confirmed = people.map((person) =>
      person.id === 'b2' ? person : { ...person, confirmedAt: '2027-10-03T08:00:00Z' },
    );
    const unconfirmed = meetingSpaceView(
      event,
      byId.get('a1') as MeetingParticipantItem,
      confirmed,
      { stored: true, meetings },
      new Date('2027-10-20T08:00:00Z'),
    );
    expect(unconfirmed.others.map((other) => other.id)).toEqual(['b1']);
    expect(unconfirmed.participant.confirmed).toBe(false);
    const view = meetingSpaceView(
      event,
      byId.get('a1') as MeetingParticipantItem,
      people.map((person) => ({ ...person, confirmedAt: '2027-10-03T08:00:00Z' })),
      { stored: true, meetings },
      new Date('2027-10-20T08:00:00Z'),
    );
    expect(view.others.map((other) => other.id)).toEqual(['b1', 'b2']);
    expect(view.event.wishesOpen).toBe(true);
    expect(view.schedule?.map((meeting) => meeting.with?.id).sort()).toEqual(['b1', 'b2']);
    expect(view.schedule?.[0]?.table).toBeGreaterThanOrEqual(1);
    const before = meetingSpaceView(
      event,
      byId.get('a1') as MeetingParticipantItem,
      people,
      { stored: false, meetings: [] },
      new Date('2027-11-10T08:00:00Z'),
    );
    expect(before.schedule).toBeNull();
    expect(before.event.wishesOpen).toBe(false);
  });

  it('mails a schedule with an .ics per meeting, and a change with the meeting’s new .ics', async () => {
    const profiles = new Map(people.map((person) => [person.id, publicProfileOf(person)]));
    const a1 = byId.get('a1') as MeetingParticipantItem;
    const own = personalMeetings(event, 'a1', meetings, profiles);
    const brand = { siteName: 'CRESS Exemple', logoUrl: null, colour: null, postalAddress: null };
    const mail = await scheduleEmail(event, a1, own, {
      brand,
      spaceUrl: 'https://pages.exemple.fr/rencontre-espace.html?jeton=x',
    });
    expect(mail.subject).toBe('Votre planning : Rencontre d’affaires de Rennes');
    expect(mail.attachments).toHaveLength(own.length);
    expect(mail.attachments?.[0]?.content).toMatch(/DTSTART;TZID=Europe\/Paris:20271116T\d{6}/);
    expect(mail.text).toContain('table');
    const [first] = own;
    if (!first) throw new Error('no meeting');
    const cancelled = await meetingChangeEmail(
      event,
      a1,
      { ...first, status: 'cancelled' },
      { time: first.time, table: first.table },
      { brand, spaceUrl: 'https://pages.exemple.fr/x' },
    );
    expect(cancelled.subject).toBe('Rendez-vous annulé : Rencontre d’affaires de Rennes');
    expect(cancelled.attachments?.[0]?.content).toContain('STATUS:CANCELLED');
  });
});
