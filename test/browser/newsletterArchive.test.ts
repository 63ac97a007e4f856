import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { archivedKey, sendKey } from '../../functions/newsletters/newsletterArchive.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { documentClient } from '../integration/support.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

/**
 * The newsletters' archive pages in Chromium: the list (`lettres.html`, newest first, with the
 * Atom feed) and a newsletter's page (`lettre.html?lettre=…`, what « Voir dans le navigateur »
 * opens); axe-core (WCAG 2.1 A/AA), one h1, nothing refused by the pages' CSP. The demo's
 * September and October newsletters are recorded as sent, as the sending pipeline does.
 */
const pagesUrl = () => inject('pagesUrl');
const sent = {
  'newsletter-septembre-2027': '2027-09-15T08:00:00.000Z',
  'newsletter-octobre-2027': '2027-10-15T08:00:00.000Z',
};
const table = localTableName('newsletterSends');
const keyOf = (id: string) => ({ pk: sendKey(id), sk: archivedKey });

describe('the newsletter archive pages', () => {
  beforeAll(async () => {
    for (const [id, sentAt] of Object.entries(sent))
      await documentClient().send(new PutCommand({ TableName: table, Item: { ...keyOf(id), sentAt } }));
  });
  afterAll(async () => {
    for (const id of Object.keys(sent))
      await documentClient().send(new DeleteCommand({ TableName: table, Key: keyOf(id) }));
  });

  it('lists the sent newsletters, opens one, and passes axe on both pages', async (context) => {
    const { page } = await browserFor(context, {}, 'lettres');
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });

    await page.goto(`${pagesUrl()}/lettres.html`);
    await componentsReady(page);
    const archive = page.locator('essaim-newsletter-archive');
    // The Studio's test may have sent its own newsletter on this stack already: the demo's come in order.
    const titles = await archive.getByRole('heading', { level: 2 }).allTextContents();
    expect(titles.filter((title) => !title.startsWith('Lettre du navigateur'))).toEqual([
      'Octobre : les premiers rendez-vous du Mois de l’ESS 2027',
      'Mois de l’ESS 2027 : le programme se dessine',
    ]);
    expect(
      await archive
        .locator('.essaim-card')
        .filter({ hasText: 'Octobre : les premiers' })
        .locator('.essaim-card-meta')
        .textContent(),
    ).toBe('Envoyée le 15 octobre 2027');
    expect(
      await archive.getByRole('link', { name: /lecteur de flux \(Atom\)/ }).getAttribute('href'),
    ).toMatch(/\/newsletters\/feed\.atom$/);
    await expectNoAxeViolations(page, 'the archive');

    await archive.getByRole('link', { name: /^Octobre/ }).click();
    await page.waitForURL(/\/lettre\.html\?lettre=lettre-octobre-2027$/);
    await componentsReady(page);
    const newsletter = page.locator('essaim-newsletter');
    await newsletter
      .getByRole('heading', { level: 1, name: 'Octobre : les premiers rendez-vous du Mois de l’ESS 2027' })
      .waitFor();
    expect(await page.title()).toMatch(/^Octobre : les premiers rendez-vous/);
    expect(await newsletter.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Le programme est presque complet',
      'Nos coups de cœur',
      'Côté réseau',
    ]);
    expect(await newsletter.locator('.essaim-card').count()).toBe(4);
    expect(await newsletter.textContent()).toContain('Bonjour,');
    await expectNoAxeViolations(page, 'a newsletter');
    expect(await page.locator('h1').count()).toBe(1);
    expect(refused).toEqual([]);
  });
});
