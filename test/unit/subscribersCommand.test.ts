import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../functions/subscriptions/subscription.ts';
import { countSubscriptions, exportCsv } from '../../infra/subscribers.ts';

const subscription = (overrides: Partial<Subscription>): Subscription => ({
  id: 'id',
  addressKey: 'k',
  email: 'lou@exemple.fr',
  status: 'confirmed',
  lists: ['actualites'],
  regions: ['53'],
  themes: [],
  digest: 'weekly',
  consent: { textVersion: 'abonnement-2026-12', givenAt: '2026-12-01T10:00:00.000Z', source: 'api' },
  createdAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

describe('the data controller’s subscriber commands', () => {
  it('counts by list, region, theme and digest, with no address', () => {
    const counts = countSubscriptions([
      subscription({}),
      subscription({ email: 'a@exemple.fr', lists: ['actualites', 'mois-ess'], regions: [], digest: 'none' }),
    ]);
    expect(counts).toEqual({
      total: 2,
      lists: { actualites: 2, 'mois-ess': 1 },
      regions: { '53': 1 },
      themes: {},
      digest: { weekly: 1, none: 1 },
    });
    expect(JSON.stringify(counts)).not.toContain('@');
  });

  it('exports one list as a French CSV with the consent, formulas neutralised', () => {
    const csv = exportCsv(
      [
        subscription({ name: '=HYPERLINK("x")' }),
        subscription({ email: 'autre@exemple.fr', lists: ['mois-ess'] }),
      ],
      'actualites',
    );
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'E-mail;Nom;Régions;Thèmes;Récapitulatif;Version du consentement;Consentement donné le;Confirmé le;Source',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('lou@exemple.fr;"\'=HYPERLINK(""x"")"');
  });
});
