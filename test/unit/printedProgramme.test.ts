import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deployedFunctions } from '../../functions/catalogue.ts';
import { type ProgrammeEvent, printedProgramme } from '../../functions/printedProgramme/programmeContent.ts';
import { deadlineInstant, isDue } from '../../functions/printedProgramme/programmeDeadline.ts';
import { campaignDates, programmeSource } from '../../functions/printedProgramme/programmeSource.ts';
import { compilePdf, withTypstSource } from '../../functions/printedProgramme/typstCompiler.ts';
import { frenchPunctuation, typstString } from '../../functions/printedProgramme/typstText.ts';
import { pdfText } from '../support/pdfText.ts';

const campaign = { title: 'Mois de l’ESS 2027', startsOn: '2027-11-01', endsOn: '2027-11-30' };
const options = { closedOn: '2027-09-12', registrationSite: 'www.cress-exemple.fr' };

const event = (id: string, overrides: Partial<ProgrammeEvent> = {}): ProgrammeEvent => ({
  _id: id,
  title: `Manifestation ${id}`,
  summary: 'Une rencontre pour découvrir l’économie sociale et solidaire.',
  startsAt: '2027-11-03T13:00:00Z',
  endsAt: '2027-11-03T15:00:00Z',
  format: 'atelier-participatif',
  status: 'scheduled',
  venue: { name: 'La Ruche', address: '12 rue des Lilas', postalCode: '35000', city: 'Rennes' },
  onlineUrl: null,
  organiser: 'Coopérative des Lilas',
  region: { code: '53', name: 'Bretagne' },
  registration: { enabled: true, capacity: 30 },
  accessibility: { wheelchair: true, hearingLoop: false, signLanguage: true, details: null },
  price: { free: true },
  ...overrides,
});

describe('Typst string literals', () => {
  /** What Typst reads back from a literal, on the function's compiler: the value of `#metadata(<literal>)`. */
  const readBack = (literal: string): Promise<unknown> =>
    withTypstSource(
      `#metadata(${literal}) <value>`,
      (typst, main) => typst.query(main, { selector: '<value>', field: 'value' })[0],
    );

  it('carry any text exactly as typed, markup, escapes and all, and never run it', async () => {
    const markup = fc.constantFrom(
      ...'#*_$[]@<>\\"`~=-+/:;{}()\'\n\r\t\u0000\u202f«»'.split(''),
      '#sys.exit()',
      '#let x = 1',
      '\\u{41}',
      '$x^2$',
      '<label>',
      '@ref',
      '//',
      '/*',
      '```',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(markup, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 12 }),
        async (parts) => {
          const text = parts.join('');
          // Lone surrogates (half characters) have no UTF-8 form: they become U+FFFD, as anywhere.
          expect(await readBack(typstString(text))).toBe(text.toWellFormed());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('French typography', () => {
  it('puts a narrow no-break space before ; : ! ? and inside guillemets, not in times or addresses', () => {
    expect(frenchPunctuation('Quoi? Vraiment ! Oui; non?!')).toBe(
      'Quoi\u202f? Vraiment\u202f! Oui\u202f; non\u202f?!',
    );
    expect(frenchPunctuation('Atelier : créer, à 10:30')).toBe('Atelier\u202f: créer, à 10:30');
    expect(frenchPunctuation('Ciné-débat: «Le Pari»')).toBe('Ciné-débat\u202f: «\u202fLe Pari\u202f»');
    expect(frenchPunctuation('https://www.exemple.fr/?a=1')).toBe('https://www.exemple.fr/?a=1');
  });

  it('writes the campaign’s dates as French does', () => {
    expect(campaignDates('2027-11-01', '2027-11-30')).toBe('du 1er au 30 novembre 2027');
    expect(campaignDates('2027-10-28', '2027-11-30')).toBe('du 28 octobre au 30 novembre 2027');
    expect(campaignDates('2027-12-15', '2028-01-15')).toBe('du 15 décembre 2027 au 15 janvier 2028');
  });
});

describe('the deadline', () => {
  it('given as a date, ends at midnight in Paris at the end of that day, summer or winter', () => {
    expect(deadlineInstant('2027-09-12')?.toISOString()).toBe('2027-09-12T22:00:00.000Z');
    expect(deadlineInstant('2027-12-01')?.toISOString()).toBe('2027-12-01T23:00:00.000Z');
    expect(deadlineInstant('2027-09-12T10:00:00Z')?.toISOString()).toBe('2027-09-12T10:00:00.000Z');
    expect(deadlineInstant(null)).toBeNull();
    expect(deadlineInstant('demain')).toBeNull();
  });

  it('is due from the instant it passes, for the catch-up days only', () => {
    const deadline = new Date('2027-09-12T22:00:00Z');
    expect(isDue(deadline, new Date('2027-09-12T21:59:59Z'))).toBe(false);
    expect(isDue(deadline, new Date('2027-09-12T22:00:00Z'))).toBe(true);
    expect(isDue(deadline, new Date('2027-09-20T08:00:00Z'))).toBe(true);
    expect(isDue(deadline, new Date('2027-10-20T08:00:00Z'))).toBe(false);
  });
});

describe('the printed programme’s content', () => {
  it('groups events by region (alphabetically), then by day, then by time, and numbers them in that order', () => {
    const programme = printedProgramme(
      campaign,
      [
        event('b', { startsAt: '2027-11-04T08:00:00Z', endsAt: null }),
        event('a', { startsAt: '2027-11-03T17:00:00Z', endsAt: '2027-11-03T19:00:00Z' }),
        event('c', { region: { code: '84', name: 'Auvergne-Rhône-Alpes' }, venue: { city: 'Lyon' } }),
        event('d', { startsAt: '2027-11-03T08:00:00Z', endsAt: '2027-11-03T10:00:00Z' }),
        event('untitled', { title: '  ' }),
      ],
      options,
    );
    expect(programme.regions.map((region) => region.name)).toEqual(['Auvergne-Rhône-Alpes', 'Bretagne']);
    const bretagne = programme.regions[1];
    expect(bretagne?.days.map((day) => day.title)).toEqual(['Mercredi 3 novembre', 'Jeudi 4 novembre']);
    expect(bretagne?.days[0]?.entries.map((entry) => [entry.number, entry.title, entry.hours])).toEqual([
      [2, 'Manifestation d', '09:00 – 11:00'],
      [3, 'Manifestation a', '18:00 – 20:00'],
    ]);
    expect(bretagne?.days[1]?.entries[0]?.hours).toBe('09:00');
    expect(programme.eventCount).toBe(4);
    expect(programme.communes).toEqual([
      { name: 'Lyon', numbers: [1] },
      { name: 'Rennes', numbers: [2, 3, 4] },
    ]);
  });

  it('says what a reader needs: place, organiser, format, accessibility, registration, status', () => {
    const [entry] =
      printedProgramme(
        campaign,
        [event('x', { status: 'full', price: { free: false, amount: 5, details: 'Repas compris' } })],
        options,
      ).regions[0]?.days[0]?.entries ?? [];
    expect(entry).toMatchObject({
      format: 'Atelier participatif',
      notice: 'Complet',
      place: 'La Ruche, 12 rue des Lilas, 35000\u00a0Rennes',
      organiser: 'Coopérative des Lilas',
      accessibility: ['wheelchair', 'signLanguage'],
      accessibilityDetails: '',
      registration: 'Inscription en ligne · 30\u00a0places · 5,00\u00a0€ · Repas compris',
    });
  });

  it('names the disabilities an event welcomes, as OpenAgenda records them, and a registration elsewhere', () => {
    const [entry] =
      printedProgramme(
        campaign,
        [
          event('y', {
            accessibility: { motor: true, hearing: true, psychic: true, signLanguage: true },
            externalRegistrationUrl: 'https://billetterie.exemple.fr/atelier?id=12',
          }),
        ],
        options,
      ).regions[0]?.days[0]?.entries ?? [];
    expect(entry?.accessibility).toEqual(['motor', 'hearing', 'psychic', 'signLanguage']);
    expect(entry?.registration).toBe(
      'Inscription : billetterie.exemple.fr/atelier?id=12 · 30\u00a0places · gratuit',
    );
  });

  it('keeps an overseas region’s own clock', () => {
    const [entry] =
      printedProgramme(campaign, [event('r', { region: { code: '04', name: 'La Réunion' } })], options)
        .regions[0]?.days[0]?.entries ?? [];
    expect(entry?.hours).toBe('17:00 – 19:00');
  });
});

describe('the booklet (Typst, compiled)', () => {
  it('prints every text as typed, markup characters included, with a cover and a contents page', async () => {
    const nasty =
      'Atelier #1 *gras* _souligné_ $x^2$ [crochets] @ref <label> \\ back\\slash `code` // /* */ #sys';
    const programme = printedProgramme(
      campaign,
      [event('n', { title: nasty, organiser: '#let x = 1', summary: '= Pas un titre\n- pas une liste' })],
      options,
    );
    const { pdf, pages } = await compilePdf(programmeSource(programme));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = await pdfText(pdf);
    expect(text).toContain(nasty);
    expect(text).toContain('#let x = 1');
    expect(text).toContain('= Pas un titre - pas une liste');
    expect(text).toContain('Mois de l’ESS 2027');
    expect(text).toContain('du 1er au 30 novembre 2027');
    expect(text).toContain('Sommaire');
    expect(text).toContain('Index des communes');
  });
});

describe('the native addon', () => {
  it('is installed where the local stack loads it and the CDK stack copies it from, binding included', () => {
    const root = join(import.meta.dirname, '..', '..');
    const printing = deployedFunctions.filter((fn) => fn.nativeAddon);
    expect(printing.map((fn) => fn.name).sort()).toEqual([
      'acceptPrintRequests',
      'getMeetingGridPdf',
      'printAtDeadlines',
    ]);
    for (const fn of printing) {
      const addon = fn.nativeAddon as NonNullable<typeof fn.nativeAddon>;
      for (const name of addon.packages)
        expect(existsSync(join(root, 'node_modules', name, 'package.json')), name).toBe(true);
      for (const folder of Object.keys(addon.files ?? {}))
        expect(
          readdirSync(join(root, folder)).filter((file) => file.endsWith('.ttf')).length,
        ).toBeGreaterThan(0);
      // Lambda's Linux (glibc) binding of the declared architecture ships with it.
      const binding = addon.architecture === 'x86_64' ? 'linux-x64-gnu' : 'linux-arm64-gnu';
      expect(
        addon.packages.some((name) => name.endsWith(binding)),
        fn.name,
      ).toBe(true);
    }
  });
});
