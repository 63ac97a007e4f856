import { describe, expect, it } from 'vitest';
import { type BusinessMeetingDocument, meetingEventOf } from '../../functions/meetings/meetingEvent.ts';
import { gridPdf, gridTypstSource } from '../../functions/meetings/meetingGridPdf.ts';
import type { MeetingItem, PublicProfile } from '../../functions/meetings/meetingItems.ts';
import {
  placeChanges,
  placeItemsOf,
  placesOf,
  staleHolders,
} from '../../functions/meetings/meetingPlaces.ts';
import { pdfText } from '../support/pdfText.ts';

const event = meetingEventOf({
  _id: 'businessMeeting-1',
  _updatedAt: '2027-10-01T08:00:00Z',
  title: 'Rencontre d’affaires de Rennes',
  slug: 'rencontre-rennes',
  summary: null,
  sideA: { label: 'Acheteurs', description: null },
  sideB: { label: 'Fournisseurs de l’ESS', description: null },
  date: '2027-11-16',
  firstSlotAt: '09:00',
  lastSlotEndsAt: '10:00',
  slotMinutes: 20,
  tables: 2,
  wishesDeadline: '2027-11-09T17:00:00Z',
  venue: { name: 'La Ruche', address: '12 rue des Lilas', postalCode: '35000', city: 'Rennes' },
  onlineUrl: null,
  organiserEmail: 'equipe@exemple.fr',
} as unknown as BusinessMeetingDocument) as NonNullable<ReturnType<typeof meetingEventOf>>;

const meeting = (
  id: string,
  a: string,
  b: string,
  slot: number,
  table: number,
  cancelled = false,
): MeetingItem => ({
  pk: `MEETING#${event.id}`,
  sk: `MEET#${id}`,
  eventId: event.id,
  id,
  a,
  b,
  slot,
  table,
  kind: 'mutual',
  rankByA: 1,
  rankByB: 1,
  status: cancelled ? 'cancelled' : 'scheduled',
  version: 1,
  expiresAt: 1,
});

const profile = (id: string, name: string, organisation: string): [string, PublicProfile] => [
  id,
  { id, name, organisation, offer: '' },
];
const profiles = new Map([
  profile('a1', 'Anne #Acheteuse', 'Ville de Rennes'),
  profile('b1', 'Chloé *Coop*', 'Scop « Bois d’ici »'),
  profile('b2', 'David Asso', 'Régie de quartier'),
]);

describe('a meeting’s places in the grid', () => {
  it('are its table and its two participants at its slot, and only a scheduled meeting holds them', () => {
    const grid = [meeting('M0001', 'a1', 'b1', 0, 1), meeting('M0002', 'a1', 'b2', 2, 0, true)];
    expect(placesOf(grid[0] as MeetingItem).map((key) => key.sk)).toEqual([
      'PLACE#000#T1',
      'PLACE#000#Pa1',
      'PLACE#000#Pb1',
    ]);
    expect(placeItemsOf(grid).map((item) => [item.sk, item.holder])).toEqual([
      ['PLACE#000#T1', 'M0001'],
      ['PLACE#000#Pa1', 'M0001'],
      ['PLACE#000#Pb1', 'M0001'],
    ]);
    // A cancelled meeting may have left its places behind: a move may take them over.
    expect(staleHolders({ pk: 'x', sk: 'PLACE#002#T0' }, grid)).toEqual(['M0002']);
    expect(staleHolders({ pk: 'x', sk: 'PLACE#000#T1' }, grid)).toEqual([]);
  });

  it('change with a move only where they differ, and are all given back by a cancellation', () => {
    const m = meeting('M0001', 'a1', 'b1', 0, 1);
    const sks = (change: Parameters<typeof placeChanges>[1]) => {
      const { take, release } = placeChanges(m, change);
      return { take: take.map((key) => key.sk), release: release.map((key) => key.sk) };
    };
    expect(sks({ slot: 0, table: 0 })).toEqual({ take: ['PLACE#000#T0'], release: ['PLACE#000#T1'] });
    expect(sks({ slot: 1, table: 1 })).toEqual({
      take: ['PLACE#001#T1', 'PLACE#001#Pa1', 'PLACE#001#Pb1'],
      release: ['PLACE#000#T1', 'PLACE#000#Pa1', 'PLACE#000#Pb1'],
    });
    expect(sks('cancelled')).toEqual({
      take: [],
      release: ['PLACE#000#T1', 'PLACE#000#Pa1', 'PLACE#000#Pb1'],
    });
  });
});

describe('the grid to print', () => {
  const grid = [
    meeting('M0001', 'a1', 'b1', 0, 1),
    meeting('M0002', 'a1', 'b2', 1, 0, true),
    meeting('M0003', 'gone', 'b2', 2, 0),
  ];
  const now = new Date('2027-11-10T08:00:00Z');

  it('names the event, its day in French and each slot; what participants typed stays text', () => {
    const source = gridTypstSource(event, grid, profiles, now);
    expect(source).toContain('"Rencontre d’affaires de Rennes"');
    expect(source).toContain('"Grille des rendez-vous du mardi 16 novembre 2027"');
    expect(source).toContain(
      '#slot("09:00 – 09:20", (("2", ("Anne #Acheteuse", "Ville de Rennes"), ("Chloé *Coop*", "Scop «\u202fBois d’ici\u202f»")),))',
    );
    // The cancelled meeting is left out; a participant who left since is « (retiré) ».
    expect(source).toContain('#slot("09:20 – 09:40", ())');
    expect(source).toContain('("(retiré)", "")');
    expect(source).toContain('"État de la grille au mercredi 10 novembre 2027 à 09:00"');
  });

  it('is an A4 PDF with that text', async () => {
    const { pdf, pages } = await gridPdf(event, grid, profiles, now);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages).toBe(1);
    const text = await pdfText(pdf);
    expect(text).toContain('Rencontre d’affaires de Rennes');
    expect(text).toContain(
      '09:00 – 09:20 Table Acheteurs Fournisseurs de l’ESS 2 Anne #Acheteuse Ville de Rennes',
    );
    expect(text).toContain('Aucun rendez-vous à ce créneau.');
    // A4: 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
  });
});
