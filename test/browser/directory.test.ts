import { afterAll, describe, expect, inject, it } from 'vitest';
import { documentIdOf, publish } from '../integration/directorySupport.ts';
import { tokenOfLink } from '../integration/subscriptionSupport.ts';
import { editorClient, mailTo, uniqueEmail, waitForEmails } from '../integration/support.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

const pagesUrl = () => inject('pagesUrl');

afterAll(async () => {
  const ids = await editorClient().fetch<string[]>(
    '*[string::startsWith(_id, "directoryEntry-") || string::startsWith(_id, "drafts.directoryEntry-")]._id',
    {},
    { perspective: 'raw' },
  );
  const cleanup = editorClient().transaction();
  for (const id of ids) cleanup.delete(id);
  await cleanup.commit();
});

/**
 * The member directory in Chromium: a member asks for an entry (refused, then accepted), confirms
 * it from the mailed link with a click; once published, a visitor finds it and writes to the
 * member. axe-core (WCAG 2.1 A and AA) on each state.
 */
describe('the member directory’s pages', () => {
  it('joins, confirms on a click, and finds the published entry', async (context) => {
    const { page } = await browserFor(context);
    await page.goto(`${pagesUrl()}/annuaire-inscription.html`);
    await componentsReady(page);
    await expectNoAxeViolations(page, 'join form');

    const email = uniqueEmail('annuaire-navigateur');
    const organization = `Recyclerie du Léguer ${Date.now()}`;
    await page.getByLabel('Votre nom').fill('Alex Morvan');
    await page.getByLabel('Votre adresse e-mail').fill(email);
    await page.getByLabel('Votre structure').fill(organization);
    await page.getByRole('combobox', { name: 'Région' }).selectOption('53');
    await page
      .getByRole('group', { name: 'Secteurs d’activité' })
      .getByLabel('Économie circulaire et réemploi')
      .check();
    await page.getByRole('group', { name: 'Famille de l’ESS' }).getByLabel('Association').check();
    await page.getByRole('group', { name: 'Ce que vous proposez' }).getByLabel('Mutualisation').check();
    const publicFields = page.getByRole('group', { name: 'Ce qui paraît dans l’annuaire' });
    for (const field of ['Nom', 'Structure', 'Région', 'Secteurs d’activité'])
      await publicFields.getByLabel(field, { exact: true }).check();
    await page.getByLabel(/^J’accepte que les informations cochées/).check();
    // « Famille de l’ESS » and « Ce que je propose » given without their consent: refused at each.
    await page.getByRole('button', { name: 'Demander ma fiche' }).click();
    const summary = page.locator('.essaim-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Famille de l’ESS : Ce champ paraît sur toute fiche de l’annuaire : cochez « Rendre public » pour l’accepter.',
      'Ce que vous proposez : Ce champ paraîtra dans l’annuaire : cochez « Rendre public » pour l’accepter, ou laissez-le vide.',
    ]);
    await expectNoAxeViolations(page, 'join form, refused');

    const again = page.getByRole('group', { name: 'Ce qui paraît dans l’annuaire' });
    await again.getByLabel('Famille de l’ESS', { exact: true }).check();
    await again.getByLabel('Ce que je propose', { exact: true }).check();
    await page.getByLabel(/^J’accepte que les informations cochées/).check();
    await page.getByRole('button', { name: 'Demander ma fiche' }).click();
    await page.getByRole('status').filter({ hasText: 'Merci, votre demande est enregistrée.' }).waitFor();

    const [mail] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    await page.goto(
      `${pagesUrl()}/annuaire-fiche.html?jeton=${encodeURIComponent(tokenOfLink(mail, 'annuaire-fiche'))}`,
    );
    await componentsReady(page);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByText('Votre fiche attend la relecture de l’équipe').waitFor();
    await expectNoAxeViolations(page, 'member page, confirmed');

    await publish(email);
    await page.goto(`${pagesUrl()}/annuaire.html`);
    await componentsReady(page);
    await page.getByLabel('Rechercher').fill('recyclerie leguer');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const card = page.locator(`.essaim-card[data-id="${documentIdOf(email)}"]`);
    await card.getByRole('heading', { name: organization }).waitFor();
    await expectNoAxeViolations(page, 'directory, searched');
    await card.getByRole('button', { name: 'Écrire à ce membre' }).click();
    await card.getByLabel('Votre nom').fill('Dominique');
    await card.getByLabel('Votre adresse e-mail').fill(uniqueEmail('annuaire-visiteur'));
    await card.getByLabel('Votre message').fill('Bonjour, pouvons-nous mutualiser un local ?');
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: 'Envoyer le message' }).click();
    await card.getByRole('status').filter({ hasText: 'Votre message est transmis.' }).waitFor();
    await waitForEmails((all) => mailTo(all, email).length === 2);
  });
});
