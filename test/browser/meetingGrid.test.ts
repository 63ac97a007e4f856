import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeStoredMeetingGrid } from '../integration/meetingsSupport.ts';
import { apiUrl, editorClient } from '../integration/support.ts';
import { storedMeetingGrid } from '../support/storedMeetingGrid.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

const pagesUrl = () => inject('pagesUrl');

// The project's types have no DOM: the page's globals, as far as this file uses them.
declare const document: {
  readonly activeElement: { getAttribute(name: string): string | null } | null;
};

/**
 * The organising team's grid in Chromium (`rencontre-grille.html?slug=…&jeton=…`), on an event of
 * its own whose grid is written as the deadline stores it: only the moves the rules allow are
 * offered, a meeting moved, a change refused because the meeting changed meanwhile (the grid read
 * again), a meeting cancelled after a confirmation; axe-core on each state.
 */
const stored = storedMeetingGrid('grille', { confirmed: true });
const { run, eventId, token } = stored;
const slug = `rencontre-grille-${run}`;
const title = `Rencontre d’affaires ${run}`;

const gridUrl = (suffix = '') =>
  `${apiUrl()}/meetings/${slug}/grid${suffix}?token=${encodeURIComponent(token)}`;
const readGrid = async () =>
  (await (await fetch(gridUrl())).json()) as {
    meetings: { id: string; time: string; table: number; status: string; version: number }[];
  };

describe('the business-meeting grid for the organising team', () => {
  beforeAll(async () => {
    await writeStoredMeetingGrid(stored, { slug, title, pierreSlots: [0, 1] });
  });

  afterAll(async () => {
    await editorClient().delete(eventId);
  });

  it('offers only the moves the rules allow, moves and cancels meetings, and shows a refusal, accessibly', async (context) => {
    const { page } = await browserFor(context);
    await page.goto(`${pagesUrl()}/rencontre-grille.html?slug=${slug}&jeton=${encodeURIComponent(token)}`);
    await componentsReady(page);
    await page.getByRole('heading', { name: title }).waitFor();
    await expect
      .poll(() => page.getByRole('link', { name: 'Télécharger la grille (CSV)' }).getAttribute('href'))
      .toBe(gridUrl('.csv'));
    expect(await page.getByRole('link', { name: 'Imprimer la grille (PDF, A4)' }).getAttribute('href')).toBe(
      gridUrl('.pdf'),
    );
    await page.getByRole('heading', { name: '09:00 – 09:20' }).waitFor();
    await expectNoAxeViolations(page, 'meeting grid');

    // Pierre can come at 09:00 and 09:20 only: his meeting may go to 09:20 only, either table.
    await page.getByRole('button', { name: 'Déplacer le rendez-vous de 09:00, table 2' }).click();
    const pierres = page.getByLabel('Nouveau créneau et table');
    await expect
      .poll(() => pierres.evaluate((select) => (select as unknown) === document.activeElement))
      .toBe(true);
    expect(await pierres.locator('option').allTextContents()).toEqual(['09:20, table 1', '09:20, table 2']);
    await page.getByRole('button', { name: 'Ne pas le déplacer' }).click();

    // Paule meets Quitterie at 09:40: Paule's 09:00 meeting may go to 09:20 or 10:00, not 09:40.
    await page.getByRole('button', { name: 'Déplacer le rendez-vous de 09:00, table 1' }).click();
    const select = page.getByLabel('Nouveau créneau et table');
    expect(await select.locator('option').allTextContents()).toEqual([
      '09:20, table 1',
      '09:20, table 2',
      '10:00, table 1',
      '10:00, table 2',
    ]);
    await expectNoAxeViolations(page, 'meeting grid, moving');
    await select.selectOption({ label: '10:00, table 2' });
    await page.getByRole('button', { name: 'Déplacer le rendez-vous', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'est déplacé à 10:00, table 2' }).waitFor();
    await page.getByRole('button', { name: 'Déplacer le rendez-vous de 10:00, table 2' }).waitFor();
    // Focus follows the meeting to its new place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-meeting'))).toBe('M0001');
    expect((await readGrid()).meetings.find((m) => m.id === 'M0001')).toMatchObject({
      time: '10:00',
      table: 2,
      status: 'scheduled',
      version: 2,
    });
    await expectNoAxeViolations(page, 'meeting grid, moved');

    // Someone else moves Pierre's meeting meanwhile: cancelling it from this page is refused, the grid read again.
    const elsewhere = await fetch(gridUrl('/M0002'), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ time: '09:20', table: 1 }),
    });
    expect(elsewhere.status).toBe(200);
    await page.getByRole('button', { name: 'Annuler le rendez-vous de 09:00, table 2' }).click();
    await page
      .getByRole('group')
      .filter({ hasText: 'Voulez-vous vraiment annuler le rendez-vous' })
      .waitFor();
    await expectNoAxeViolations(page, 'meeting grid, cancellation asked');
    await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Ce rendez-vous a été modifié depuis que vous avez ouvert la grille' })
      .waitFor();
    await page.getByRole('button', { name: 'Annuler le rendez-vous de 09:20, table 1' }).waitFor();
    expect((await readGrid()).meetings.find((m) => m.id === 'M0002')?.status).toBe('scheduled');
    await expectNoAxeViolations(page, 'meeting grid, refused');

    // Now cancelled for real, after « Non » first.
    await page.getByRole('button', { name: 'Annuler le rendez-vous de 09:20, table 1' }).click();
    await page.getByRole('button', { name: 'Non, le garder' }).click();
    await page.getByRole('button', { name: 'Annuler le rendez-vous de 09:20, table 1' }).click();
    await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click();
    await page.getByRole('status').filter({ hasText: 'est annulé' }).waitFor();
    await page.getByRole('heading', { name: 'Rendez-vous annulés' }).waitFor();
    expect(await page.getByRole('button', { name: /09:20, table 1/ }).count()).toBe(0);
    expect((await readGrid()).meetings.find((m) => m.id === 'M0002')).toMatchObject({
      status: 'cancelled',
      version: 3,
    });
    await expectNoAxeViolations(page, 'meeting grid, cancelled');
  });
});
