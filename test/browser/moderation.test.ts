import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { printedProgrammeRecordId } from '../../functions/printedProgramme/programmeFiles.ts';
import { frenchPunctuation } from '../../functions/printedProgramme/typstText.ts';
import { refusalReasons } from '../../functions/submissions/submissionVocabulary.ts';
import { draftOf, submission, submit, until } from '../integration/submissionSupport.ts';
import {
  apiUrl,
  deliveredEmails,
  editorClient,
  mailTo,
  uniqueEmail,
  waitForEmails,
} from '../integration/support.ts';
import { type Browser, openChromium } from './chromium.ts';
import { documentAction } from './studioActions.ts';

/**
 * A chamber's editor in the local Studio: a submitted event found in the « Modération » view of
 * its region, marked ready, published (the organiser is told, the API shows it), then the
 * campaign's printed programme generated with it; a second submitted event refused with a written
 * reason (the draft stays, the organiser is told why, the API never shows it). One page load.
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
/** The second submitted event: refused. */
const refusedEmail = uniqueEmail('moderation-refus-navigateur');
const refusedTitle = `Ciné-débat de la Ruche ${run}`;
let refusedId = '';

/** Submits an event to the campaign and answers its id once its draft is in the Content Lake. */
async function submitted(address: string, name: string, startsAt: string, endsAt: string): Promise<string> {
  const response = await submit(
    { ...submission(address, name), occurrences: [{ startsAt, endsAt }] },
    campaign.slug.current,
  );
  expect(response.status).toBe(202);
  const id = `submission-${((await response.json()) as { id: string }).id}`;
  await draftOf(id, 1);
  return id;
}

/**
 * Opens a Studio path: within the page when the Studio is already loaded, as its own links go
 * (its router follows the history: no reload), else by loading it.
 */
async function openInStudio(page: Page, path: string): Promise<void> {
  const studioUrl = inject('studioUrl');
  if (!page.url().startsWith(studioUrl)) {
    await page.goto(`${studioUrl}${path}`);
    return;
  }
  await page.evaluate((path) => {
    const page = globalThis as unknown as {
      history: { pushState: (state: object, title: string, url: string) => void };
      dispatchEvent: (event: unknown) => void;
      PopStateEvent: new (type: string, init: object) => unknown;
    };
    page.history.pushState({}, '', path);
    page.dispatchEvent(new page.PopStateEvent('popstate', { state: {} }));
  }, path);
}

/** From « Modération »: Bretagne, its events to moderate, then the one titled `name`. */
async function openToModerate(page: Page, name: string): Promise<void> {
  await openInStudio(page, '/structure/moderation');
  await page.getByRole('link', { name: /^Bretagne \(\d+ à modérer\)$/ }).click();
  await page.getByRole('link', { name: /^Prêt \(\d+\)$/ }).waitFor();
  await page.getByRole('link', { name: /^À modérer \([1-9]\d*\)$/ }).click();
  await page.getByRole('link', { name }).first().click();
  await page.getByRole('heading', { name }).waitFor();
}

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
      [eventId, refusedId] = await Promise.all([
        submitted(email, title, '2027-11-18T18:00', '2027-11-18T21:00'),
        submitted(refusedEmail, refusedTitle, '2027-11-20T20:00', '2027-11-20T22:30'),
      ]);
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
  for (const id of [eventId, refusedId]) if (id) cleanup.delete(id).delete(`drafts.${id}`);
  cleanup.delete(campaign._id);
  await cleanup.commit();
});

describe('moderation in the Studio', () => {
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
  });

  it('publishes a submitted event from the region’s moderation view, and the printed programme has it', async () => {
    const { page } = browser;
    await openToModerate(page, title);

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
    await openInStudio(page, `/structure/campaign;${campaign._id}`);
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

  it('refuses a submitted event with a written reason: the draft stays refused, the organiser is told once, the API never shows it', async () => {
    const { page } = browser;
    // The reason the chamber writes (« Autre motif »): French typography, as the organiser reads it.
    const reason = `Le lieu n’est pas indiqué : précisez l’adresse de la projection (réf. ${run}).`;
    await openToModerate(page, refusedTitle);

    await documentAction(page, 'Refuser');
    const dialog = page.getByRole('dialog', { name: 'Refuser la proposition' });
    await dialog.waitFor();
    // The campaign's reasons, the first chosen, then one to write.
    const radios = dialog.getByRole('radio');
    await expect.poll(() => radios.count()).toBe(refusalReasons.length + 1);
    expect(await dialog.getByRole('radio', { name: refusalReasons[0] }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: refusalReasons[2] }).check();
    await dialog.getByRole('radio', { name: 'Autre motif, à écrire' }).check();
    const confirm = dialog.getByRole('button', { name: 'Refuser et prévenir la structure' });
    // Nothing written yet: nothing to send.
    await expect.poll(() => confirm.isDisabled()).toBe(true);
    // Typed as an editor types (one key after the other: the field keeps the focus between renders).
    const written = dialog.getByLabel('Motif', { exact: true });
    await written.pressSequentially(reason);
    await expect.poll(() => written.inputValue()).toBe(reason);
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });

    // The draft stays a draft, refused with the written reason; nothing published.
    await expect
      .poll(async () => (await editorClient().getDocument(`drafts.${refusedId}`))?.moderation, {
        timeout: 30_000,
      })
      .toMatchObject({ state: 'refused', refusalReason: reason });
    expect(await editorClient().getDocument(refusedId)).toBeUndefined();

    // The organiser is told, in French, with the reason as written.
    const refusal = (mail: { subject: string }) => mail.subject.startsWith('Proposition non retenue');
    const inbox = await waitForEmails((all) => mailTo(all, refusedEmail).some(refusal), 60_000);
    expect(mailTo(inbox, refusedEmail).map((mail) => mail.subject)).toEqual([
      `Proposition reçue — ${campaign.title}`,
      `Proposition non retenue — ${refusedTitle}`,
    ]);
    const notice = mailTo(inbox, refusedEmail).find(refusal);
    const text = (notice?.body.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Votre proposition n’a pas été retenue');
    expect(text).toContain(`« ${refusedTitle} »`);
    expect(text).toContain('elle ne sera pas publiée dans le programme');
    expect(text).toContain(reason.replace(/\s+/g, ' '));

    // Never in the public API: neither its page nor the campaign's programme.
    const slug = (await editorClient().getDocument(`drafts.${refusedId}`))?.slug?.current;
    expect(slug).toEqual(expect.any(String));
    expect((await fetch(`${apiUrl()}/events/${slug}`)).status).toBe(404);
    const programme = await fetch(`${apiUrl()}/events?campaign=${campaign.slug.current}&limit=100`);
    expect(programme.status).toBe(200);
    const listed = ((await programme.json()) as { items: { slug: string }[] }).items.map((item) => item.slug);
    expect(listed).not.toContain(slug);

    // Told once: the inbox read again, after the checks above, holds no second notice.
    expect(mailTo(await deliveredEmails(), refusedEmail).filter(refusal)).toHaveLength(1);
  }, 150_000);
});
