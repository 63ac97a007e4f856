import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { editorClient } from '../integration/support.ts';
import { type Browser, openChromium } from './chromium.ts';

/**
 * « Résumés par e-mail » → « Envois » in the local Studio: the digests' sends as the backend
 * publishes them (a private progress document per send, written here directly as the workers
 * would), followed live, and an editor's « Reprendre » published as a send request about the
 * digest (no newsletter). The sends are made up (a period in 2031): the backend, which knows
 * none of them, leaves their figures alone.
 */

const weekly = 'digest-weekly-2031-03-03';
const monthly = 'digest-monthly-2031-03-01';
const progressId = (sendId: string) => `essaim-private.newsletterSending.${sendId}`;
const pauseReason =
  'Suspendu automatiquement : le quota d’envoi sur 24 heures est atteint. Reprenez l’envoi demain.';

/** A digest's progress, as `functions/newsletters/sendingProgress.ts` writes it. */
const progress = (sendId: string, fields: Record<string, unknown>) => ({
  _id: progressId(sendId),
  _type: 'essaimNewsletterSending',
  kind: 'digest',
  newsletterId: sendId,
  audienceSize: 1240,
  sent: 830,
  failed: 2,
  suppressed: 5,
  unsubscribed: 1,
  uncertain: 0,
  remaining: 402,
  planning: false,
  startedAt: '2031-03-03T07:00:12.000Z',
  updatedAt: new Date().toISOString(),
  ...fields,
});

let browser: Browser;
beforeAll(async () => {
  browser = await openChromium({ trustCertificate: inject('certificateFile') });
});
afterAll(async () => {
  await browser?.close();
  await editorClient()
    .transaction()
    .delete(progressId(weekly))
    .delete(progressId(monthly))
    .commit()
    .catch(() => undefined);
});

const figure = (card: Locator, name: string) => card.getByTestId(`sending-${name}`).textContent();

describe('the digests’ sends in the Studio', () => {
  it('lists a paused digest live, asks to resume it, and follows it to « terminée »', async ({
    task,
    onTestFailed,
  }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    const editor = editorClient();
    const digestsBefore = await editor.fetch<number>(
      'count(*[_type == "essaimNewsletterSending" && kind == "digest"])',
    );

    await page.goto(`${inject('studioUrl')}/structure`);
    await page.getByRole('link', { name: 'Résumés par e-mail' }).click();
    await page.getByRole('tab', { name: 'Envois' }).click();
    await page.getByRole('heading', { name: 'Envois des résumés' }).waitFor();
    // A stack that never started a digest: the view says where they come from.
    if (digestsBefore === 0) {
      await page.getByTestId('no-digest-send').getByText('« Envoyer les résumés » activé').waitFor();
      await browser.screenshot('studio-resumes-envois-aucun');
    }

    // Written while the view is open, as the workers would: it follows without a reload.
    await editor
      .transaction()
      .createOrReplace(progress(weekly, { state: 'paused', pauseReason }))
      .createOrReplace(
        progress(monthly, {
          state: 'finished',
          audienceSize: 310,
          sent: 310,
          failed: 0,
          suppressed: 0,
          unsubscribed: 0,
          remaining: 0,
          startedAt: '2031-03-01T08:00:05.000Z',
          finishedAt: '2031-03-01T08:04:40.000Z',
        }),
      )
      .commit();
    const card = page.locator(`[data-digest-send="${weekly}"]`);
    await card.getByRole('heading', { name: 'Résumé hebdomadaire du 3 mars 2031' }).waitFor();
    expect(await card.getByTestId('sending-state').textContent()).toBe('suspendue');
    expect(await card.getByTestId('pause-reason').textContent()).toBe(pauseReason);
    expect(await figure(card, 'audience')).toMatch(/^1\s240$/);
    expect(await figure(card, 'sent')).toBe('830');
    expect(await figure(card, 'remaining')).toBe('402');
    expect(await figure(card, 'failed')).toBe('2');
    expect(await figure(card, 'suppressed')).toBe('5');
    expect(await figure(card, 'unsubscribed')).toBe('1');
    expect(await figure(card, 'uncertain')).toBe('0');
    // Newest period first, the monthly one named with its « 1er ».
    const titles = await page.locator('[data-digest-send] h2').allTextContents();
    expect(titles.indexOf('Résumé hebdomadaire du 3 mars 2031')).toBeLessThan(
      titles.indexOf('Résumé mensuel du 1er mars 2031'),
    );
    // A finished send without uncertain recipients offers nothing.
    expect(await page.locator(`[data-digest-send="${monthly}"] button`).count()).toBe(0);

    // « Reprendre », confirmed: a request about the digest is published.
    await card.getByRole('button', { name: 'Reprendre' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Reprendre l’envoi du résumé hebdomadaire du 3 mars 2031 vers 402').waitFor();
    await browser.screenshot('studio-resumes-envois-reprendre');
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await card.getByTestId('request-sent').waitFor();
    const requests = await editor.fetch<Record<string, unknown>[]>(
      '*[_type == "newsletterSendRequest" && digestSend == $sendId && !(_id in path("drafts.**"))]',
      { sendId: weekly },
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ action: 'resume', digestSend: weekly });
    expect(requests[0]).not.toHaveProperty('newsletter');
    expect(requests[0]?.requestedBy).toEqual(expect.any(String));
    expect(Date.parse(requests[0]?.requestedAt as string)).toBeGreaterThan(Date.now() - 60_000);

    // The send ends with 3 recipients whose mail may or may not have left: the view follows.
    await editor.createOrReplace(
      progress(weekly, {
        state: 'finished',
        sent: 1230,
        remaining: 0,
        uncertain: 3,
        finishedAt: '2031-03-03T09:12:00.000Z',
      }),
    );
    await expect.poll(() => card.getByTestId('sending-state').textContent()).toBe('terminée');
    expect(await figure(card, 'uncertain')).toBe('3');
    expect(await card.getByTestId('pause-reason').count()).toBe(0);
    await card.getByRole('button', { name: 'Renvoyer aux destinataires incertains' }).waitFor();
    expect(await card.getByRole('button', { name: 'Reprendre' }).count()).toBe(0);
    await browser.screenshot('studio-resumes-envois');
  });
});
