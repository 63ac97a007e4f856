import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkTokenIn, submission, submit, until } from '../integration/submissionSupport.ts';
import { editorClient, mailTo, uniqueEmail, waitForEmails } from '../integration/support.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

/**
 * An organiser proposes an event through `<essaim-submission>` on `proposition.html`, in
 * Chromium, in French, against the browser tests' local stack (its clock: 20 October 2027):
 * the commune chosen among the postcode's, a date outside the campaign refused beside its row,
 * the confirmation, the acknowledgement mailed with its signed link and the draft « À modérer »
 * in the Content Lake; then the edit through that link. axe-core on every state met.
 */

const campaign = {
  _id: 'campaign-browser-submissions',
  _type: 'campaign',
  title: 'Mois de l’ESS (essai navigateur)',
  slug: { _type: 'slug', current: 'essai-navigateur' },
  startsOn: '2027-11-01',
  endsOn: '2027-11-30',
  submissionsOpenAt: '2027-10-01T08:00:00Z',
  submissionsCloseAt: '2027-10-31',
  printedProgrammeDeadline: '2027-09-12',
};
const slug = campaign.slug.current;
const pagesUrl = () => inject('pagesUrl');

interface Draft {
  _id: string;
  title: string;
  startsAt: string;
  region?: { _ref: string };
  venue?: { city: string; communeCode: string };
  moderation: { state: string; submissionVersion: number };
}
/** The draft a title designates (raw perspective: drafts are never published by this test). */
const draftTitled = (title: string, version = 1) =>
  until(async () => {
    const [draft] = await editorClient().fetch<Draft[]>(
      '*[_id in path("drafts.**") && title == $title]',
      { title },
      { perspective: 'raw' },
    );
    return draft && draft.moderation.submissionVersion >= version ? draft : undefined;
  }, `the draft « ${title} » at version ${version}`);

declare const document: {
  readonly activeElement: { readonly className: string } | null;
};

const focusedClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '');

beforeAll(async () => {
  await editorClient().createOrReplace(campaign);
  // The campaign reaches the functions through the content webhook: a date outside it is then
  // refused (400) where an unknown campaign was not found (404). Nothing is recorded.
  const outside = {
    ...submission('attente@exemple.fr', 'Attente'),
    occurrences: ['2027-12-01T10:00/2027-12-01T12:00'],
  };
  await until(
    async () => (await submit(outside, slug)).status === 400,
    'the functions see the test campaign',
  );
});

afterAll(async () => {
  const ids = await editorClient().fetch<string[]>(
    '*[string::startsWith(_id, "submission-") || string::startsWith(_id, "drafts.submission-") || string::startsWith(_id, "essaim-private.submission.")]._id',
    {},
    { perspective: 'raw' },
  );
  const cleanup = editorClient().transaction();
  for (const id of [...ids, campaign._id]) cleanup.delete(id);
  await cleanup.commit();
});

describe('<essaim-submission> on proposition.html', () => {
  it('proposes an event, shows a refused date beside its row, confirms, and edits it through the mailed link', async (context) => {
    const { page } = await browserFor(context, {}, 'proposition');
    const email = uniqueEmail('proposition-navigateur');
    const title = `Atelier réparation ${Date.now()}`;

    await page.goto(`${pagesUrl()}/proposition.html?campagne=${slug}`);
    await componentsReady(page);
    await expectNoAxeViolations(page, 'submission form');

    await page.getByLabel('Nom de la structure').fill('La Ruche solidaire');
    await page.getByLabel('Statut de la structure').selectOption({ label: 'Association' });
    await page.getByLabel('Numéro SIRET').fill('73282932000074');
    await page
      .getByLabel('Lien avec l’ESS')
      .fill('Une association d’insertion qui fait vivre l’économie circulaire.');
    await page.getByLabel('Votre nom').fill('Camille Martin');
    await page.getByLabel('Votre adresse e-mail').fill(email);
    await page.getByLabel('Titre de la manifestation').fill(title);
    await expect.poll(() => page.getByText(`${title.length} / 140 caractères`).isVisible()).toBe(true);
    await page.getByLabel('Résumé').fill('Réparer ensemble vélos et petit électroménager, avec l’équipe.');
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Atelier participatif' });
    await page.getByLabel('Développement durable').check();
    await page.getByLabel('Jour', { exact: true }).fill('2027-11-05');
    await page.getByLabel('Début', { exact: true }).fill('14:00');
    await page.getByLabel('Fin', { exact: true }).fill('17:00');
    // A second date, outside the campaign's days: the API refuses it.
    await page.getByRole('button', { name: 'Ajouter une date' }).click();
    const second = page.getByRole('group', { name: 'Date 2' });
    await second.getByLabel('Jour', { exact: true }).fill('2027-12-03');
    await page.getByLabel('Nom du lieu').fill('La Ruche');
    await page.getByLabel('Adresse (numéro et rue)').fill('2 rue des Forges');
    await page.getByLabel('Code postal').fill('35160');
    const commune = page.getByLabel('Commune', { exact: true });
    await expect.poll(() => commune.locator('option').count()).toBe(6);
    await commune.selectOption({ label: 'Montfort-sur-Meu' });
    await page.getByText('Département : Ille-et-Vilaine (35). Région : Bretagne.').waitFor();
    await page.getByLabel('Handicap moteur').check();
    await page.getByLabel('Nombre de places').fill('25');
    await page.getByLabel(/^J’accepte que ces informations/).check();
    await page.getByRole('button', { name: 'Envoyer ma proposition' }).click();

    const summary = page.locator('.essaim-error-summary');
    await summary.waitFor();
    await expect.poll(() => focusedClass(page)).toContain('essaim-error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      expect.stringMatching(
        /^Date 2 : Cette date est en dehors de la campagne « Mois de l’ESS \(essai navigateur\) »/,
      ),
    ]);
    const refusedDay = page.getByRole('group', { name: 'Date 2' }).getByLabel('Jour', { exact: true });
    expect(await refusedDay.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await refusedDay.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^Cette date est en dehors/);
    // Everything typed is still there, the commune included.
    expect(await page.getByLabel('Titre de la manifestation').inputValue()).toBe(title);
    expect(await commune.inputValue()).toBe('35188');
    await expectNoAxeViolations(page, 'submission form, refused');

    await page.getByRole('button', { name: 'Retirer la date 2' }).click();
    await page.getByRole('button', { name: 'Envoyer ma proposition' }).click();
    const confirmation = page
      .getByRole('status')
      .filter({ hasText: 'Merci, votre proposition est bien envoyée.' });
    await confirmation.waitFor();
    await expectNoAxeViolations(page, 'submission form, accepted');

    // Recorded: the draft « À modérer », placed by its commune; the acknowledgement and its link.
    const [acknowledgement] = mailTo(await waitForEmails((all) => mailTo(all, email).length >= 1), email);
    const token = linkTokenIn(acknowledgement);
    expect(token).not.toBe('');
    const draft = await draftTitled(title);
    expect(draft).toMatchObject({
      startsAt: '2027-11-05T13:00:00.000Z',
      region: { _ref: 'region-53' },
      venue: { city: 'Montfort-sur-Meu', communeCode: '35188' },
      moderation: { state: 'toModerate', submissionVersion: 1 },
    });

    // The signed link: the same form, filled in, saved with PUT.
    await page.goto(`${pagesUrl()}/proposition.html?jeton=${encodeURIComponent(token)}`);
    await componentsReady(page);
    await page
      .getByText(
        /^Votre proposition « Atelier réparation \d+ » pour Mois de l’ESS \(essai navigateur\), modifiable jusqu’au dimanche 31 octobre 2027 inclus\.$/,
      )
      .waitFor();
    expect(await page.getByLabel('Jour', { exact: true }).inputValue()).toBe('2027-11-05');
    expect(await page.getByLabel('Début', { exact: true }).inputValue()).toBe('14:00');
    expect(await page.getByLabel('Commune', { exact: true }).inputValue()).toBe('35188');
    expect(await page.getByLabel('Handicap moteur').isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'submission edit');
    await page.getByLabel('Titre de la manifestation').fill(`${title} (modifié)`);
    await page.getByLabel(/^J’accepte que ces informations/).check();
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('status').filter({ hasText: 'Vos modifications sont enregistrées.' }).waitFor();
    expect(await draftTitled(`${title} (modifié)`, 2)).toMatchObject({ moderation: { state: 'toModerate' } });

    // The hosted page of the demo campaign (its window from GET /campaigns/mois-ess-2027), on the
    // day the stack lives (its proposals closed on 15 October): it says so, and shows no form.
    await page.clock.setFixedTime(new Date('2027-10-20T10:00:00+02:00'));
    await page.goto(`${pagesUrl()}/proposition.html`);
    await componentsReady(page);
    await page
      .getByText(
        'Les propositions pour la campagne « Mois de l’ESS 2027 » sont closes : elles étaient ouvertes jusqu’au vendredi 15 octobre 2027 inclus.',
      )
      .waitFor();
    expect(await page.locator('essaim-submission form').count()).toBe(0);
    await expectNoAxeViolations(page, 'submission page, closed');
  });
});
