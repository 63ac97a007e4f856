import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiUrl, mailTo, uniqueEmail, waitForEmails } from '../integration/support.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

/**
 * What a visitor does with the newsletters on the hosted pages (`web/`), in Chromium, in French:
 * subscribes through `<essaim-subscribe>` (a list, a region, the weekly digest), confirms from
 * the mailed link by a click (the mere opening confirms nothing), changes their choices on the
 * preference page and leaves everything; the form refused empty names its errors; axe-core finds
 * no WCAG 2.1 A/AA violation on the pages and states met on the way. Each test opens its own browser.
 */

/**
 * The page's globals, as far as the functions this file runs in the page use them (the
 * project's types have no DOM; these declarations stay in this module).
 */
interface PageElement {
  readonly childElementCount: number;
  readonly classList: { contains(name: string): boolean };
  matches(selector: string): boolean;
}
declare const document: {
  readonly activeElement: PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
};
declare const window: object;

const pagesUrl = () => inject('pagesUrl');

/** Whether the focused element matches `selector` now. */
const focusIs = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((wanted) => Boolean(document.activeElement?.matches(wanted)), selector);

/** The groups of choices the subscription form and the preference page share. */
const listsOf = (scope: Locator) =>
  scope.getByRole('group', { name: 'Les lettres que vous souhaitez recevoir', exact: true });
const regionsOf = (scope: Locator) => scope.getByRole('group', { name: 'Vos régions', exact: true });
const digestOf = (scope: Locator) => scope.getByRole('group', { name: /^Recevoir aussi un récapitulatif/ });

/** The confirmation link (`<pages>/confirmer-abonnement.html?jeton=…`) of the mail `email` receives. */
async function confirmationLinkMailedTo(email: string): Promise<string> {
  const isConfirmation = (subject: string) => subject.startsWith('Confirmez votre abonnement');
  const inbox = await waitForEmails((all) => mailTo(all, email).some((mail) => isConfirmation(mail.subject)));
  const mails = mailTo(inbox, email);
  // Double opt-in: nothing but the confirmation before the owner's click.
  expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Confirmez votre abonnement/)]);
  const mail = mails[0];
  expect(mail?.body.text).toContain('« Actualités du réseau »');
  const link = mail?.body.text?.match(/https?:\/\/[^\s\]]+\/confirmer-abonnement\.html\?jeton=[^\s\]]+/)?.[0];
  expect(link, `no confirmation link in:\n${mail?.body.text}`).toBeDefined();
  expect(link?.startsWith(`${pagesUrl()}/confirmer-abonnement.html?jeton=`)).toBe(true);
  return link as string;
}

describe('newsletter subscriptions: <essaim-subscribe>, the confirmation and the preference pages', () => {
  it('subscribes, confirms by a click on the mailed page, changes the choices, then leaves everything', async (context) => {
    const { page } = await browserFor(context, {}, 'abonnement');
    const email = uniqueEmail('abonnement');

    // 1. The subscription form: a list, a region (under « Vos régions »), weekly, consent.
    await page.goto(`${pagesUrl()}/abonnement.html`);
    const subscribe = page.locator('essaim-subscribe');
    const form = subscribe.locator('form');
    await form.waitFor();
    await form.getByLabel('Votre adresse e-mail').fill(email);
    await listsOf(form).getByLabel('Actualités du réseau', { exact: true }).check();
    const regionsDetails = form
      .locator('details')
      .filter({ has: page.locator('summary', { hasText: 'Vos régions' }) });
    expect(await regionsDetails.getAttribute('open')).toBeNull();
    await regionsDetails.locator('summary').click();
    await regionsOf(form).getByLabel('Bretagne', { exact: true }).check();
    await digestOf(form).getByLabel('Chaque semaine').check();
    await form.getByLabel(/J’accepte de recevoir les lettres choisies/).check();
    await form.getByRole('button', { name: 'M’abonner' }).click();

    const requested = subscribe.getByRole('status').filter({ hasText: 'confirmez votre abonnement' });
    await requested.waitFor();
    expect(await requested.textContent()).toContain('Plus qu’une étape : confirmez votre abonnement.');
    expect(await requested.textContent()).toContain('un e-mail vient de lui être envoyé');
    await page.waitForFunction(() =>
      document.activeElement?.matches('essaim-subscribe .essaim-notice-success'),
    );

    // 2. The mailed link: opening the page confirms nothing; the click does.
    const link = await confirmationLinkMailedTo(email);
    const confirmations: string[] = [];
    page.on('request', (request) => {
      if (/\/subscriptions\/[^/]+\/confirmation$/.test(request.url()))
        confirmations.push(`${request.method()} ${request.url()}`);
    });
    const response = await page.goto(link);
    const headers = response?.headers() ?? {};
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-robots-tag']).toMatch(/^noindex/);
    const confirm = page.locator('essaim-subscription-confirm');
    const confirmButton = confirm.getByRole('button', { name: 'Confirmer mon abonnement' });
    await confirmButton.waitFor();
    await componentsReady(page);
    // Time for anything that would (wrongly) confirm on its own.
    await page.waitForTimeout(1000);
    expect(confirmations).toEqual([]);
    expect(await confirm.locator('.essaim-notice-success').count()).toBe(0);
    expect(await confirm.textContent()).not.toContain('est confirmé');
    expect(await confirmButton.isEnabled()).toBe(true);
    await expectNoAxeViolations(page, 'confirmation page, before the click');

    await confirmButton.click();
    const confirmed = confirm.getByRole('status').filter({ hasText: 'Votre abonnement est confirmé' });
    await confirmed.waitFor();
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatch(/^POST /);
    expect(await confirmed.textContent()).toContain(`Vous recevrez nos lettres à ${email}.`);
    expect(await focusIs(page, 'essaim-subscription-confirm .essaim-notice-success')).toBe(true);
    await expectNoAxeViolations(page, 'confirmation page, confirmed');

    await confirmed
      .getByRole('link', { name: 'Choisir mes régions, mes thèmes et mon récapitulatif' })
      .click();
    await page.waitForURL((url) => url.href.startsWith(`${pagesUrl()}/preferences-abonnement.html?jeton=`));

    // 3. The preference page: the choices made on the form, changed and kept.
    const preferences = page.locator('essaim-subscription-preferences');
    const preferencesForm = preferences.locator('form');
    await preferencesForm.waitFor();
    await componentsReady(page);
    expect(await preferences.textContent()).toContain(`Abonnement de ${email}.`);
    const actualites = () => listsOf(preferencesForm).getByLabel('Actualités du réseau', { exact: true });
    const moisEss = () => listsOf(preferencesForm).getByLabel('Mois de l’ESS', { exact: true });
    const bretagne = () => regionsOf(preferencesForm).getByLabel('Bretagne', { exact: true });
    const weekly = () => digestOf(preferencesForm).getByLabel('Chaque semaine');
    expect(await actualites().isChecked()).toBe(true);
    expect(await moisEss().isChecked()).toBe(false);
    // A region chosen: the group is shown open, not folded in its <details>.
    expect(await bretagne().isVisible()).toBe(true);
    expect(await bretagne().isChecked()).toBe(true);
    expect(await regionsOf(preferencesForm).locator('input:checked').count()).toBe(1);
    expect(await weekly().isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'preference page');

    await moisEss().check();
    await bretagne().uncheck();
    await preferencesForm.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    const saved = preferences.getByRole('status').filter({ hasText: 'Vos choix sont enregistrés.' });
    await saved.waitFor();
    expect(await focusIs(page, 'essaim-subscription-preferences .essaim-notice-success')).toBe(true);
    await expectNoAxeViolations(page, 'preference page, choices saved');

    await page.reload();
    await preferencesForm.waitFor();
    await componentsReady(page);
    expect(await preferences.getByText('Vos choix sont enregistrés.').count()).toBe(0);
    expect(await actualites().isChecked()).toBe(true);
    expect(await moisEss().isChecked()).toBe(true);
    // No region left: the group is folded again in its <details>, nothing ticked inside.
    const folded = preferencesForm.locator('details').filter({
      has: page.locator('summary', { hasText: 'Vos régions' }),
    });
    expect(await folded.getAttribute('open')).toBeNull();
    await folded.locator('summary').click();
    expect(await bretagne().isChecked()).toBe(false);
    expect(await regionsOf(preferencesForm).locator('input:checked').count()).toBe(0);
    expect(await weekly().isChecked()).toBe(true);

    // 4. Leaving everything: the link names no subscription any more.
    const preferencesUrl = page.url();
    const token = new URL(preferencesUrl).searchParams.get('jeton') ?? '';
    await preferences.getByRole('button', { name: 'Me désabonner de tout' }).click();
    const left = preferences.getByRole('status').filter({ hasText: 'Vous êtes désabonné de tout.' });
    await left.waitFor();
    expect(await left.textContent()).toContain('Vous ne recevrez plus nos lettres.');
    expect(await focusIs(page, 'essaim-subscription-preferences .essaim-notice-success')).toBe(true);
    expect((await fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(token)}`)).status).toBe(404);

    await page.reload();
    const gone = preferences.getByRole('alert');
    await gone.waitFor();
    expect(await gone.textContent()).toContain(
      'Ce lien d’abonnement n’est pas valide, ou l’abonnement n’existe plus.',
    );
    expect(await preferences.locator('form').count()).toBe(0);
    await expectNoAxeViolations(page, 'preference page, subscription gone');
  });

  it('refuses the empty form: the error summary takes focus and names the e-mail, the lists and the consent', async (context) => {
    const { page } = await browserFor(context, {}, 'abonnement');
    await page.goto(`${pagesUrl()}/abonnement.html`);
    const form = page.locator('essaim-subscribe form');
    await form.waitFor();
    await componentsReady(page);
    const answered = page.waitForResponse(
      (response) => response.url() === `${apiUrl()}/subscriptions` && response.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'M’abonner' }).click();
    expect((await answered).status()).toBe(400);

    await page.waitForFunction(() =>
      document.activeElement?.matches('essaim-subscribe .essaim-error-summary'),
    );
    const summary = page.locator('essaim-subscribe .essaim-error-summary');
    expect(await summary.locator('h2').textContent()).toBe('Le formulaire contient 3 erreurs');
    const links = summary.getByRole('link');
    expect(await links.allTextContents()).toEqual([
      'Votre adresse e-mail : Ce champ est obligatoire.',
      'Listes : Choisissez au moins une liste.',
      'Accord : Votre accord est nécessaire pour que nous puissions vous écrire.',
    ]);
    const targets: string[] = [];
    for (const link of await links.all())
      targets.push(((await link.getAttribute('href')) ?? '').replace(/^#essaim-\d+-/, ''));
    expect(targets).toEqual(['email', 'lists', 'consent']);
    expect(await page.getByLabel('Votre adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/J’accepte de recevoir/).getAttribute('aria-invalid')).toBe('true');
    expect(await listsOf(form).getAttribute('aria-describedby')).toMatch(/-lists-erreur$/);
    await expectNoAxeViolations(page, 'subscription form with its errors');
  });
});
