import { describe, expect, it } from 'vitest';
import { type BookletReader, makeBooklet } from '../../functions/printedProgramme/printedBooklet.ts';
import type { ProgrammeEvent } from '../../functions/printedProgramme/programmeContent.ts';
import { printedEditionRecordId } from '../../functions/printedProgramme/programmeFiles.ts';
import {
  bookletFilename,
  eventsInScope,
  regionScope,
} from '../../functions/printedProgramme/programmeRegions.ts';
import {
  compactInstant,
  decodeSnapshot,
  encodeSnapshot,
  type ProgrammeSnapshot,
  programmeSnapshot,
  snapshotRecordId,
} from '../../functions/printedProgramme/programmeSnapshot.ts';
import { pdfText } from '../support/pdfText.ts';

const event = (
  id: string,
  region: { code: string; name: string },
  title = `Manifestation ${id}`,
): ProgrammeEvent => ({
  _id: id,
  title,
  summary: 'Une rencontre ouverte à toutes et à tous.',
  startsAt: '2031-04-08T12:00:00Z',
  endsAt: '2031-04-08T14:00:00Z',
  format: 'rencontre',
  status: 'scheduled',
  venue: { name: 'Maison de l’ESS', city: 'Rennes', postalCode: '35000' },
  onlineUrl: null,
  organiser: 'Coopérative des Lilas',
  region,
  registration: { enabled: true, capacity: 20 },
  accessibility: { motor: true, visual: true, hearingLoop: true, details: 'Rampe côté cour' },
  price: { free: true },
});
const bretagne = { code: '53', name: 'Bretagne' };
const auvergne = { code: '84', name: 'Auvergne-Rhône-Alpes' };
const deadline = new Date('2031-03-10T23:00:00.000Z');
const campaign = {
  title: 'Quinzaine de l’ESS',
  slug: 'quinzaine',
  startsOn: '2031-04-01',
  endsOn: '2031-04-15',
};

describe('the snapshot of the programme at the deadline', () => {
  it('keeps the events in a fixed order, and its file reads back the same, byte for byte again', () => {
    const events = [event('b', bretagne), event('a', auvergne), event('c', bretagne)];
    const snapshot = programmeSnapshot('drafts.campaign-x', campaign, events, {
      deadline,
      takenAt: deadline,
    });
    expect(snapshot.campaignId).toBe('campaign-x');
    expect(snapshot.events.map((e) => e._id)).toEqual(['a', 'b', 'c']);
    const file = encodeSnapshot(snapshot);
    expect(file[0]).toBe(0x1f);
    expect(decodeSnapshot(file)).toEqual(snapshot);
    // Made again from the same programme in another order: the same bytes (the same asset).
    const again = programmeSnapshot('campaign-x', campaign, [...events].reverse(), {
      deadline,
      takenAt: deadline,
    });
    expect(encodeSnapshot(again).equals(file)).toBe(true);
    // A CDN that inflated it on the way: still read.
    expect(decodeSnapshot(Buffer.from(JSON.stringify(snapshot)))).toEqual(snapshot);
    expect(() => decodeSnapshot(Buffer.from('{"format":2}'))).toThrow();
  });

  it('has one id per campaign and deadline, and editions one each, short enough for any id', () => {
    expect(compactInstant(deadline)).toBe('20310310T230000Z');
    expect(snapshotRecordId('drafts.campaign-x', deadline)).toBe(
      'essaim-private.printedProgrammeSnapshot.campaign-x.20310310T230000Z',
    );
    const request = `request#printedProgrammeRequest-${'f'.repeat(36)}`;
    const id = printedEditionRecordId('campaign-mois-de-l-ess-2031', request);
    expect(id).toBe(printedEditionRecordId('drafts.campaign-mois-de-l-ess-2031', request));
    expect(id).not.toBe(
      printedEditionRecordId('campaign-mois-de-l-ess-2031', 'deadline#2031-03-10T23:00:00.000Z'),
    );
    expect(id.length).toBeLessThanOrEqual(128);
    expect(id.startsWith('essaim-private.printedProgramme.campaign-mois-de-l-ess-2031.')).toBe(true);
  });
});

describe('per-region booklets', () => {
  it('know the regions by their INSEE code, and keep only the region’s events', () => {
    expect(regionScope(undefined)).toBeNull();
    expect(regionScope(' 53 ')).toEqual(bretagne);
    expect(regionScope('99')).toBeUndefined();
    const events = [event('a', auvergne), event('b', bretagne)];
    expect(eventsInScope(events, bretagne).map((e) => e._id)).toEqual(['b']);
    expect(eventsInScope(events, null)).toHaveLength(2);
    expect(bookletFilename('quinzaine', bretagne, '2031-03-10')).toBe(
      'programme-quinzaine-region-53-2031-03-10.pdf',
    );
  });
});

describe('the booklet after the deadline', () => {
  const reader = (frozen: ProgrammeSnapshot | null, live: ProgrammeEvent[]): BookletReader => ({
    campaign: async (id) => ({ _id: id, ...campaign, printedProgrammeDeadline: '2031-03-10' }),
    events: async () => live as never,
    frozenAt: async () => frozen,
  });

  it('prints the snapshot, not the programme as it is since, and one region when asked', async () => {
    const frozen = programmeSnapshot(
      'campaign-x',
      campaign,
      [event('a', auvergne, 'Titre à la date limite'), event('b', bretagne, 'Atelier breton')],
      { deadline, takenAt: new Date('2031-03-10T23:15:00Z') },
    );
    const live = [event('a', auvergne, 'Titre modifié depuis')];
    const now = new Date('2031-03-20T10:00:00Z');
    const national = await makeBooklet(reader(frozen, live), 'campaign-x', {
      now,
      registrationSite: 'essaim.fr',
    });
    expect(national).toMatchObject({ events: 2, snapshotTakenAt: '2031-03-10T23:15:00.000Z', region: null });
    const text = await pdfText(national?.pdf as Buffer);
    expect(text).toContain('Titre à la date limite');
    expect(text).not.toContain('Titre modifié depuis');
    // The pictograms' legend is on the contents page; no boxed words in the entries.
    expect(text).toContain('Accès en fauteuil roulant');
    expect(text).toContain('Rampe côté cour');

    const regional = await makeBooklet(reader(frozen, live), 'campaign-x', {
      now,
      registrationSite: 'essaim.fr',
      region: bretagne,
    });
    expect(regional).toMatchObject({ events: 1, filename: 'programme-quinzaine-region-53-2031-03-10.pdf' });
    const regionalText = await pdfText(regional?.pdf as Buffer);
    expect(regionalText).toContain('Atelier breton');
    expect(regionalText).not.toContain('Titre à la date limite');
    expect(regionalText).toContain('Bretagne');

    // Without a snapshot (the command line, before one was taken): the live programme.
    const unfrozen = await makeBooklet(reader(null, live), 'campaign-x', {
      now,
      registrationSite: 'essaim.fr',
    });
    expect(unfrozen).toMatchObject({ events: 1, snapshotTakenAt: null });
  });
});
