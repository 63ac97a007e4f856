import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printedProgrammeRecordId } from '../../functions/printedProgramme/programmeFiles.ts';
import { frenchPunctuation } from '../../functions/printedProgramme/typstText.ts';
import { draftOf, submission, submit, until } from '../integration/submissionSupport.ts';
import { apiUrl, editorClient, mailTo, uniqueEmail, waitForEmails } from '../integration/support.ts';
import { type Browser, openChromium } from './chromium.ts';
import { documentAction } from './studioActions.ts';

/**
 * A chamber's editor in the local Studio: a submitted event found in the « Modération » view of
 * its region, marked ready, published (the organiser is told, the API shows it), then the
 * campaign's printed programme generated with it. One page load.
 */

const run = Date.now().toString(36);
const campaign = {
  _id: `campaign-moderation-navigateur-${run}`,
  _type: 'campaign',
  title: `Mois de l’ESS (navigateur ${run})`,
  slug: { _type: 'slug', current: `moderation-navigateur-${run}` },
  startsOn: '2027-11-01',
  endsOn: '2027-11-30',
  submissionsOpenAt: '2027-10-01T08:00:00Z',
  submissionsCloseAt: '2027-10-31',
  // After the stack's clock (20 October 2027): the programme as it stands when generated.
  printedProgrammeDeadline: '2027-10-25',
};
const email = uniqueEmail('moderation-navigateur');
const title = `Repair café de la Ruche ${run}`;
let eventId = '';

let browser: Browser;
beforeAll(async () => {
  const [opened] = await Promise.all([
    openChromium({ trustCertificate: inject('certificateFile') }),
    (async () => {
      await editorClient().createOrReplace(campaign);
      await until(
        async () => (await submit({}, campaign.slug.current)).status === 400,
        'the functions see the campaign',
      );
      const response = await submit(
        {
          ...submission(email, title),
          occurrences: [{ startsAt: '2027-11-18T18:00', endsAt: '2027-11-18T21:00' }],
        },
        campaign.slug.current,
      );
      expect(response.status).toBe(202);
      eventId = `submission-${((await response.json()) as { id: string }).id}`;
      await draftOf(eventId, 1);
      // The moderator's first steps, done before: the organising structure chosen (never merged
      // by the backend) and the price, which the submission form does not ask (both required to publish).
      await editorClient()
        .patch(`drafts.${eventId}`)
        .set({
          organizer: { _type: 'reference', _ref: 'organization-submissions-navigateur' },
          price: { _type: 'price', free: true },
        })
        .commit();
    })(),
    editorClient().createOrReplace({
      _id: 'organization-submissions-navigateur',
      _type: 'organization',
      name: 'La Ruche solidaire',
      legalStatus: 'association',
    }),
  ]);
  browser = opened;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  const cleanup = editorClient().transaction();
  for (const id of [eventId, `drafts.${eventId}`, campaign._id]) if (id) cleanup.delete(id);
  await cleanup.commit();
});

describe('moderation in the Studio', () => {
  it('publishes a submitted event from the region’s moderation view, and the printed programme has it', async ({
    task,
    onTestFailed,
  }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    await page.goto(`${inject('studioUrl')}/structure/moderation`);
    await page.getByRole('link', { name: /^Bretagne \(\d+ à modérer\)$/ }).click();
    await page.getByRole('link', { name: /^Prêt \(\d+\)$/ }).waitFor();
    await page.getByRole('link', { name: /^À modérer \([1-9]\d*\)$/ }).click();
    await page.getByRole('link', { name: title }).first().click();
    await page.getByRole('heading', { name: title }).waitFor();

    await documentAction(page, 'Marquer prêt');
    await expect
      .poll(async () => (await editorClient().getDocument(`drafts.${eventId}`))?.moderation?.state)
      .toBe('ready');

    const publish = page.getByRole('button', { name: 'Publier', exact: true });
    await expect.poll(() => publish.isEnabled(), { timeout: 15_000 }).toBe(true);
    await publish.click();
    const inbox = await waitForEmails((all) =>
      mailTo(all, email).some((mail) => mail.subject.startsWith('Manifestation publiée')),
    );
    expect(mailTo(inbox, email).map((mail) => mail.subject)).toEqual([
      `Proposition reçue — ${campaign.title}`,
      `Manifestation publiée — ${title}`,
    ]);
    const online = await editorClient().getDocument(eventId);
    expect(online?.moderation).toMatchObject({ state: 'published', publishedAt: expect.any(String) });
    expect((await fetch(`${apiUrl()}/events/${online?.slug.current}`)).status).toBe(200);

    // The campaign's « Générer le programme papier »: the booklet holds the event.
    // Within the page, as the Studio's own links go (its router follows the history): no reload.
    await page.evaluate((path) => {
      const page = globalThis as unknown as {
        history: { pushState: (state: object, title: string, url: string) => void };
        dispatchEvent: (event: unknown) => void;
        PopStateEvent: new (type: string, init: object) => unknown;
      };
      page.history.pushState({}, '', path);
      page.dispatchEvent(new page.PopStateEvent('popstate', { state: {} }));
    }, `/structure/campaign;${campaign._id}`);
    await page.getByText(campaign.title).first().waitFor();
    await documentAction(page, 'Générer le programme papier');
    const record = await until(
      async () => {
        const made = await editorClient().fetch<{ trigger: string; events: number; fileUrl: string } | null>(
          '*[_id == $id][0]',
          { id: printedProgrammeRecordId(campaign._id) },
        );
        return made?.trigger === 'studio' ? made : undefined;
      },
      'the printed programme made on request',
      60_000,
    );
    expect(record.events).toBe(1);
    const pdf = new PDFParse({ data: new Uint8Array(await (await fetch(record.fileUrl)).arrayBuffer()) });
    try {
      const text = (await pdf.getText()).text.replace(/\s+/g, ' ');
      expect(text).toContain(frenchPunctuation(title).replace(/\s+/g, ' '));
    } finally {
      await pdf.destroy();
    }
  }, 150_000);
});
