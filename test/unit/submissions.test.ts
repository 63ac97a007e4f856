import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  campaignPeriod,
  deadlineInstant,
  openingInstant,
  submissionWindowState,
  zonedInstant,
} from '../../functions/submissions/campaignCalendar.ts';
import { communesFinder, communesOfPostcode, departmentOf } from '../../functions/submissions/communes.ts';
import { communesIndexFile } from '../../functions/submissions/communesIndexFile.ts';
import { communesIndex } from '../../functions/submissions/generateCommunesIndex.ts';
import {
  checkSubmission,
  organizationAndContact,
  type SubmissionCampaign,
  submissionIdOf,
} from '../../functions/submissions/submission.ts';
import { submissionRequestSchema } from '../../functions/submissions/submissionRequest.ts';

describe('campaign calendar', () => {
  it('ends a deadline given as a date at midnight in Paris, winter and summer', () => {
    expect(deadlineInstant('2027-09-12')?.toISOString()).toBe('2027-09-12T22:00:00.000Z');
    expect(deadlineInstant('2027-11-30')?.toISOString()).toBe('2027-11-30T23:00:00.000Z');
    expect(deadlineInstant('2027-09-12T10:00:00Z')?.toISOString()).toBe('2027-09-12T10:00:00.000Z');
    expect(openingInstant('2027-09-01')?.toISOString()).toBe('2027-08-31T22:00:00.000Z');
    expect(deadlineInstant('not a date')).toBeNull();
  });

  it('reads wall-clock times in a zone, across a change of time, and refuses days that do not exist', () => {
    expect(zonedInstant('2027-10-31T01:30', 'Europe/Paris')?.toISOString()).toBe('2027-10-30T23:30:00.000Z');
    expect(zonedInstant('2027-10-31T04:00', 'Europe/Paris')?.toISOString()).toBe('2027-10-31T03:00:00.000Z');
    expect(zonedInstant('2027-11-05T14:00', 'Indian/Reunion')?.toISOString()).toBe(
      '2027-11-05T10:00:00.000Z',
    );
    expect(zonedInstant('2027-02-30T10:00', 'Europe/Paris')).toBeNull();
  });

  it('opens submissions from the opening to the closing, excluded', () => {
    const campaign = {
      startsOn: '2027-11-01',
      endsOn: '2027-11-30',
      submissionsOpenAt: '2027-09-01T08:00:00Z',
      submissionsCloseAt: '2027-10-31',
    };
    expect(submissionWindowState(campaign, new Date('2027-09-01T07:59:59Z'))).toBe('notYetOpen');
    expect(submissionWindowState(campaign, new Date('2027-10-31T22:59:59Z'))).toBe('open');
    expect(submissionWindowState(campaign, new Date('2027-10-31T23:00:00Z'))).toBe('closed');
    expect(submissionWindowState({ ...campaign, submissionsOpenAt: null }, new Date('2027-10-01'))).toBe(
      'notYetOpen',
    );
    expect(campaignPeriod(campaign, 'America/Guadeloupe')?.ends.toISOString()).toBe(
      '2027-12-01T04:00:00.000Z',
    );
  });
});

describe('communes index', () => {
  it('is what the generator writes from @etalab/decoupage-administratif (regenerate it after an update)', () => {
    expect(readFileSync(communesIndexFile, 'utf8')).toBe(communesIndex());
  });

  it('gives the current communes of a postcode with their department and region', async () => {
    const rennes = await communesOfPostcode('35000');
    expect(rennes).toContainEqual({ code: '35238', name: 'Rennes', departmentCode: '35', regionCode: '53' });
    const paris = await communesOfPostcode('75011');
    expect(paris).toEqual([{ code: '75056', name: 'Paris', departmentCode: '75', regionCode: '11' }]);
    expect((await communesOfPostcode('97400')).map((commune) => commune.regionCode)).toContain('04');
    expect(await communesOfPostcode('00000')).toEqual([]);
    expect(await communesOfPostcode('__proto__')).toEqual([]);
  });

  it('derives departments from INSEE codes, Corsica and overseas included', () => {
    expect(departmentOf('2A004')).toBe('2A');
    expect(departmentOf('97411')).toBe('974');
    const find = communesFinder({
      regionsByDepartment: { '2A': '94' },
      communesByPostcode: { '20000': [['2A004', 'Ajaccio']] },
    });
    expect(find('20000')).toEqual([
      { code: '2A004', name: 'Ajaccio', departmentCode: '2A', regionCode: '94' },
    ]);
  });
});

const campaign: SubmissionCampaign = {
  _id: 'campaign-2027',
  title: 'Mois de l’ESS 2027',
  slug: 'mois-ess-2027',
  startsOn: '2027-11-01',
  endsOn: '2027-11-30',
  submissionsOpenAt: '2027-09-01T08:00:00Z',
  submissionsCloseAt: '2027-10-31',
};
/** A SIRET whose Luhn key holds. */
const siret = '73282932000074';
const validSubmission = {
  organizationName: 'La Ruche solidaire',
  legalStatus: 'association',
  siret,
  contactName: 'Camille Martin',
  email: 'camille@exemple.fr',
  title: 'Portes ouvertes de la Ruche',
  summary: 'Venez découvrir notre recyclerie et ses ateliers.',
  essLink: 'Une association d’insertion qui fait vivre l’économie circulaire.',
  format: 'portes-ouvertes',
  themes: ['developpement-durable'],
  occurrences: [{ startsAt: '2027-11-05T14:00', endsAt: '2027-11-05T17:00' }],
  attendanceMode: 'onsite',
  placeName: 'La Ruche',
  address: '12 rue de la Paix',
  postalCode: '35000',
  communeCode: '35238',
  openToAll: true,
  accessibility: ['motor', 'hearing'],
  registration: 'essaim',
  capacity: 30,
  consent: true,
};
const parse = (body: unknown) => z.safeParse(submissionRequestSchema(), body);
const problemsOf = (body: unknown) => {
  const result = parse(body);
  return result.success
    ? []
    : result.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => [key, issue.message])
          : [[issue.path.join('/'), issue.message]],
      );
};

describe('submission request', () => {
  it('accepts a valid submission, as JSON and as a plain form sends it', () => {
    expect(parse(validSubmission).success).toBe(true);
    const asForm = {
      ...validSubmission,
      capacity: '30',
      rna: '',
      phone: '',
      onlineUrl: '',
      regionCode: '',
      occurrences: ['2027-11-05T14:00/2027-11-05T17:00'],
    };
    expect(problemsOf(asForm)).toEqual([]);
  });

  it.each([
    [{ legalStatus: 'autre' }, 'legalStatus', 'submission.legalStatus.notEligible'],
    [{ legalStatus: 'sarl' }, 'legalStatus', 'submission.legalStatus.unknown'],
    [{ essLink: 'ESS' }, 'essLink', 'submission.essLink.required'],
    [{ essLink: undefined }, 'essLink', 'submission.essLink.required'],
    [{ title: 'x'.repeat(141) }, 'title', 'field.text.tooLong'],
    [{ summary: 'x'.repeat(401) }, 'summary', 'field.text.tooLong'],
    [{ format: 'barbecue' }, 'format', 'programme.format.unknown'],
    [{ themes: [] }, 'themes', 'submission.themes.count'],
    [{ themes: ['cooperation', 'cooperation'] }, 'themes', 'submission.themes.count'],
    [{ themes: ['jardinage'] }, 'themes/0', 'programme.theme.unknown'],
    [{ occurrences: [] }, 'occurrences', 'submission.occurrences.count'],
    [{ occurrences: ['demain'] }, 'occurrences/0', 'submission.dateTime.invalid'],
    [{ attendanceMode: 'hybride' }, 'attendanceMode', 'submission.attendanceMode.unknown'],
    [{ accessibility: ['auditif'] }, 'accessibility/0', 'submission.accessibility.unknown'],
    [{ registration: 'billetterie' }, 'registration', 'submission.registration.unknown'],
    [{ siret: '12345678901234' }, 'siret', 'submission.siret.invalid'],
    [{ siret: undefined }, 'siret', 'submission.identifier.required'],
    [{ siret: undefined, rna: 'W12345' }, 'rna', 'submission.rna.invalid'],
    [{ legalStatus: 'scop', rna: 'W751234567' }, 'rna', 'submission.rna.associationsOnly'],
    [{ postalCode: undefined }, 'postalCode', 'field.required'],
    [{ attendanceMode: 'online' }, 'regionCode', 'submission.region.required'],
    [{ attendanceMode: 'online', regionCode: '99' }, 'regionCode', 'programme.region.unknown'],
    [{ capacity: undefined }, 'capacity', 'submission.capacity.invalid'],
    [{ capacity: 0 }, 'capacity', 'submission.capacity.invalid'],
    [{ registration: 'external' }, 'registrationUrl', 'field.required'],
    [{ imageUrl: 'http://exemple.fr/image.jpg' }, 'imageUrl', 'submission.url.invalid'],
    [{ openToAll: undefined }, 'openToAll', 'field.required'],
    [{ consent: false }, 'consent', 'submission.consent.required'],
    [{ extra: 1 }, 'extra', 'field.unknownField'],
  ])('refuses %j at %s with its message', (change, path, message) => {
    expect(problemsOf({ ...validSubmission, ...change })).toEqual([[path, message]]);
  });

  it('reports every invalid field at once, cross-field rules included', () => {
    const paths = problemsOf({ ...validSubmission, title: '', siret: undefined, postalCode: undefined }).map(
      ([path]) => path,
    );
    expect(paths).toEqual(['title', 'siret', 'postalCode']);
  });
});

const rennes = [{ code: '35238', name: 'Rennes', departmentCode: '35', regionCode: '53' }];
const requestOf = (change: object) => submissionRequestSchema().parse({ ...validSubmission, ...change });

describe('submission criteria', () => {
  it('derives the commune, department and region, and reads dates on the place’s wall clock', () => {
    const checked = checkSubmission(requestOf({}), campaign, rennes);
    expect(checked).toMatchObject({
      ok: true,
      event: {
        regionCode: '53',
        place: { communeCode: '35238', communeName: 'Rennes', departmentCode: '35', postalCode: '35000' },
        occurrences: [{ startsAt: '2027-11-05T13:00:00.000Z', endsAt: '2027-11-05T16:00:00.000Z' }],
        registration: { mode: 'essaim', capacity: 30 },
        accessibility: ['motor', 'hearing'],
      },
    });
  });

  it('refuses a commune that is not one of the postcode’s, and an unknown postcode', () => {
    expect(checkSubmission(requestOf({ communeCode: '75056' }), campaign, rennes)).toEqual({
      ok: false,
      problems: [{ pointer: '#/communeCode', key: 'submission.commune.unknown' }],
    });
    expect(checkSubmission(requestOf({ postalCode: '99999' }), campaign, [])).toMatchObject({
      ok: false,
      problems: [{ pointer: '#/postalCode', key: 'submission.postalCode.unknown' }],
    });
  });

  it('refuses dates outside the campaign’s days, and an end before the start, each at its place', () => {
    const checked = checkSubmission(
      requestOf({
        occurrences: [
          { startsAt: '2027-10-31T23:30', endsAt: '2027-11-01T01:00' },
          { startsAt: '2027-11-30T22:00', endsAt: '2027-11-30T23:59' },
          { startsAt: '2027-11-30T23:00', endsAt: '2027-12-01T00:30' },
          { startsAt: '2027-11-10T10:00:00+01:00', endsAt: '2027-11-10T09:00:00+01:00' },
        ],
      }),
      campaign,
      rennes,
    );
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems.map((problem) => [problem.pointer, problem.key])).toEqual([
      ['#/occurrences/0', 'submission.occurrence.outsideCampaign'],
      ['#/occurrences/2', 'submission.occurrence.outsideCampaign'],
      ['#/occurrences/3', 'submission.occurrence.endBeforeStart'],
    ]);
    expect(problems[0]?.params).toEqual({
      campaign: 'Mois de l’ESS 2027',
      startsOn: '1 novembre 2027',
      endsOn: '30 novembre 2027',
    });
  });

  it('uses an overseas region’s own time for an online event, and its chosen region', () => {
    const checked = checkSubmission(
      requestOf({
        attendanceMode: 'online',
        regionCode: '04',
        postalCode: undefined,
        communeCode: undefined,
        placeName: undefined,
        address: undefined,
        onlineUrl: 'https://visio.exemple.fr/ruche',
        occurrences: ['2027-11-30T22:00/2027-11-30T23:30'],
      }),
      campaign,
      [],
    );
    expect(checked).toMatchObject({
      ok: true,
      event: {
        regionCode: '04',
        onlineUrl: 'https://visio.exemple.fr/ruche',
        occurrences: [{ startsAt: '2027-11-30T18:00:00.000Z' }],
      },
    });
    expect(checked.ok && checked.event.place).toBeUndefined();
  });

  it('gives the same id to the same submission, and another to any change', () => {
    const request = requestOf({ siret: `${siret.slice(0, 3)} ${siret.slice(3)}` });
    const checked = checkSubmission(request, campaign, rennes);
    if (!checked.ok) throw new Error('refused');
    const content = { ...organizationAndContact(request), event: checked.event };
    expect(content.organization.siret).toBe(siret);
    const id = submissionIdOf('campaign-2027', content, 'key');
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(submissionIdOf('campaign-2027', content, 'key')).toBe(id);
    expect(submissionIdOf('campaign-2028', content, 'key')).not.toBe(id);
    expect(
      submissionIdOf('campaign-2027', { ...content, event: { ...content.event, title: 'Autre' } }, 'key'),
    ).not.toBe(id);
  });
});
