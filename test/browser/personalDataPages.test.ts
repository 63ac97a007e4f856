import { describe, expect, inject, it } from 'vitest';
import { tokenOfLink } from '../integration/subscriptionSupport.ts';
import { mailTo, uniqueEmail, waitForEmails } from '../integration/support.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

const pagesUrl = () => inject('pagesUrl');

/**
 * « Vos données personnelles » in Chromium: the form refused then accepted, the confirmation
 * page before and after its click, with axe-core on every state (WCAG 2.1 A and AA).
 */
describe('the personal-data pages', () => {
  it('asks, shows its errors and its success accessibly, and confirms on a click only', async (context) => {
    const { page } = await browserFor(context);
    await page.goto(`${pagesUrl()}/donnees-personnelles.html`);
    await componentsReady(page);
    await expectNoAxeViolations(page, 'personal-data form');

    // Sent empty: the summary takes focus, and links to each field.
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toContain('essaim-error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Votre adresse e-mail : Ce champ est obligatoire.',
      'Votre demande : Choisissez « Recevoir mes données » ou « Effacer mes données ».',
    ]);
    await expectNoAxeViolations(page, 'personal-data form, refused');

    const email = uniqueEmail('rgpd-navigateur');
    await page.getByLabel('Votre adresse e-mail').fill(email);
    await page.getByLabel('Recevoir mes données').check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('status').filter({ hasText: 'confirmez votre demande' }).waitFor();
    await expectNoAxeViolations(page, 'personal-data form, accepted');

    const [mail] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    const token = tokenOfLink(mail, 'confirmer-donnees-personnelles');
    await page.goto(`${pagesUrl()}/confirmer-donnees-personnelles.html?jeton=${encodeURIComponent(token)}`);
    await componentsReady(page);
    await expectNoAxeViolations(page, 'confirmation page');
    await page.getByRole('button', { name: 'Recevoir mes données' }).click();
    await page.getByRole('status').filter({ hasText: 'Votre demande est confirmée.' }).waitFor();
    await expectNoAxeViolations(page, 'confirmation page, confirmed');
    await waitForEmails((all) => mailTo(all, email).length === 2);
  });
});

declare const document: { readonly activeElement: { readonly className: string } | null };
