import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { editorClient } from '../integration/support.ts';
import { type Browser, openChromium } from './chromium.ts';
import { documentAction } from './studioActions.ts';

/**
 * A chamber's editor in the local Studio asks for its region's printed programme (« Programme
 * papier d'une région… », the region chosen in the dialog), and the campaign lists the edition
 * with its scope, figures and download link, live.
 */

const run = Date.now().toString(36);
const campaign = {
  _id: `campaign-editions-navigateur-${run}`,
  _type: 'campaign',
  title: `Quinzaine de l’ESS (éditions ${run})`,
  slug: { _type: 'slug', current: `editions-navigateur-${run}` },
  startsOn: '2027-11-01',
  endsOn: '2027-11-30',
  submissionsOpenAt: '2027-10-01T08:00:00Z',
  submissionsCloseAt: '2027-10-31T22:00:00Z',
  // After the stack's clock (20 October 2027): the programme as it stands when generated.
  printedProgrammeDeadline: '2027-10-25',
};
const event = (key: string, region: string) => ({
  _id: `event-editions-navigateur-${key}-${run}`,
  _type: 'event',
  title: `Atelier ${key} ${run}`,
  slug: { _type: 'slug', current: `editions-navigateur-${key}-${run}` },
  startsAt: '2027-11-18T17:00:00.000Z',
  endsAt: '2027-11-18T19:00:00.000Z',
  openToAll: true,
  status: 'scheduled',
  campaign: { _type: 'reference', _ref: campaign._id },
  region: { _type: 'reference', _ref: `region-${region}` },
  accessibility: { motor: true, signLanguage: true },
});
const events = [event('rennes', '53'), event('lyon', '84')];

let browser: Browser;
beforeAll(async () => {
  const transaction = editorClient().transaction().createOrReplace(campaign);
  for (const document of events) transaction.createOrReplace(document);
  const [opened] = await Promise.all([
    openChromium({ trustCertificate: inject('certificateFile') }),
    transaction.commit(),
  ]);
  browser = opened;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  const cleanup = editorClient().transaction();
  const records = await editorClient().fetch<string[]>(
    '*[(_type in ["printedProgrammeEdition", "printedProgrammeLatestEdition"] && campaignId == $id) || (_type == "printedProgrammeRequest" && campaign._ref == $id)]._id',
    { id: campaign._id },
  );
  for (const id of [...records, ...events.map((document) => document._id), campaign._id]) cleanup.delete(id);
  await cleanup.commit();
});

describe('printed programmes in the Studio', () => {
  it('makes a region’s programme from the campaign, and lists it there with its link', async ({
    task,
    onTestFailed,
  }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    await page.goto(`${inject('studioUrl')}/structure/campaign;${campaign._id}`);
    await page.getByText('Pas encore de programme papier').waitFor({ timeout: 60_000 });
    await documentAction(page, 'Programme papier d’une région…');
    await page.getByLabel('Région', { exact: true }).selectOption({ label: 'Bretagne' });
    await page.getByRole('button', { name: 'Générer le programme de cette région' }).click();

    const link = page.getByRole('link', { name: 'Programme régional — Bretagne (PDF)' });
    await link.waitFor({ timeout: 60_000 });
    await page.getByText('1 manifestation ·').waitFor();
    const href = (await link.getAttribute('href')) as string;
    expect((await fetch(href)).headers.get('content-type')).toContain('application/pdf');
    const edition = await editorClient().fetch<{ region: string; events: number } | null>(
      '*[_type == "printedProgrammeEdition" && campaignId == $id][0]{ region, events }',
      { id: campaign._id },
    );
    expect(edition).toEqual({ region: '53', events: 1 });
    if (process.env.ESSAIM_KEEP_SCREENSHOTS) {
      await link.scrollIntoViewIfNeeded();
      await browser.screenshot('printed-programme-editions');
    }
  }, 120_000);
});
