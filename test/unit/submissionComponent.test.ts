import { describe, expect, it } from 'vitest';
import { submissionFieldLabels as apiLabels } from '../../functions/submissions/submissionForm.ts';
import { campaignWindowOf } from '../../web/components/campaignWindow.ts';
import { submissionFieldLabels } from '../../web/components/submissionFormHtml.ts';
import {
  submissionBody,
  submissionErrors,
  valuesOfSubmission,
} from '../../web/components/submissionValues.ts';

/** `<essaim-submission>`'s pure parts: its labels, its request body, its errors, its campaign window. */

const withAttributes = (attributes: Record<string, string>) => ({
  getAttribute: (name: string) => attributes[name] ?? null,
});

describe('the submission component', () => {
  it('names the fields as the API does (one module of labels for both)', () => {
    expect(submissionFieldLabels).toEqual(apiLabels);
  });

  it('sends the form as the API takes it: arrays, booleans, a number of places, dates on the wall clock', () => {
    const body = submissionBody(
      {
        title: 'Portes ouvertes',
        themes: 'cooperation\nculture',
        openToAll: 'true',
        capacity: '30',
        phone: ' ',
      },
      [{ day: '2027-11-05', start: '14:00', end: '17:00' }],
    );
    expect(body).toEqual({
      title: 'Portes ouvertes',
      themes: ['cooperation', 'culture'],
      accessibility: [],
      openToAll: true,
      consent: false,
      capacity: 30,
      occurrences: [{ startsAt: '2027-11-05T14:00', endsAt: '2027-11-05T17:00' }],
    });
  });

  it('fills the form from a recorded submission, dates back on the place’s clock, consent to give again', () => {
    const { values, rows } = valuesOfSubmission(
      {
        title: 'Portes ouvertes',
        themes: ['cooperation'],
        openToAll: false,
        capacity: 30,
        consent: true,
        occurrences: [{ startsAt: '2027-11-05T13:00:00.000Z', endsAt: '2027-11-05T16:00:00.000Z' }],
      },
      'Europe/Paris',
    );
    expect(values).toEqual({
      title: 'Portes ouvertes',
      themes: 'cooperation',
      openToAll: '',
      capacity: '30',
    });
    expect(rows).toEqual([{ day: '2027-11-05', start: '14:00', end: '17:00' }]);
    expect(
      valuesOfSubmission(
        { occurrences: [{ startsAt: '2027-11-05T13:00:00Z', endsAt: '2027-11-05T16:00:00Z' }] },
        'America/Guadeloupe',
      ).rows,
    ).toEqual([{ day: '2027-11-05', start: '09:00', end: '12:00' }]);
  });

  it('puts each problem on its field, a date’s on its row, the rest at the top', () => {
    expect(
      submissionErrors(
        [
          { pointer: '#/title', detail: 'Trop long.' },
          { pointer: '#/occurrences/1', detail: 'Hors de la campagne.' },
          { pointer: '#/occurrences/1/startsAt', detail: 'Second message.' },
          { pointer: '#/altcha', detail: 'Preuve manquante.' },
        ],
        Object.keys(submissionFieldLabels),
      ),
    ).toEqual({ title: 'Trop long.', 'occurrences-1': 'Hors de la campagne.', '': 'Preuve manquante.' });
    const incomplete = submissionErrors(
      [{ pointer: '#/occurrences/0/startsAt', detail: 'Date et heure invalides.' }],
      [],
      [{ day: '2027-11-05', start: '', end: '17:00' }],
    );
    expect(incomplete).toEqual({ 'occurrences-0': 'Indiquez le jour, l’heure de début et l’heure de fin.' });
  });

  it('says when proposals open and close, in French, on Paris time', () => {
    const campaign = withAttributes({
      'campaign-title': 'le Mois de l’ESS 2027',
      'starts-on': '2027-11-01',
      'ends-on': '2027-11-30',
      'opens-at': '2027-05-15T08:00:00.000Z',
      'closes-at': '2027-10-15T22:00:00.000Z',
    });
    expect(campaignWindowOf(campaign, new Date('2027-10-01T00:00:00Z'))).toEqual({
      state: 'open',
      text: 'Le Mois de l’ESS 2027 : manifestations du 1er au 30 novembre 2027. Propositions jusqu’au vendredi 15 octobre 2027 inclus.',
      firstDay: '2027-11-01',
      lastDay: '2027-11-30',
    });
    expect(campaignWindowOf(campaign, new Date('2027-01-01T00:00:00Z'))?.text).toBe(
      'Les propositions pour le Mois de l’ESS 2027 ne sont pas encore ouvertes : elles ouvriront le samedi 15 mai 2027 à 10:00, jusqu’au vendredi 15 octobre 2027 inclus.',
    );
    expect(campaignWindowOf(campaign, new Date('2027-10-15T22:00:00Z'))?.state).toBe('closed');
    expect(campaignWindowOf(withAttributes({}))).toBeNull();
  });
});
