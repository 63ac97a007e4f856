import { describe, expect, inject, it } from 'vitest';
import {
  meetingDocument,
  participants,
  registrationBody,
  spaceTokenIn,
} from '../integration/meetingsSupport.ts';
import { apiUrl, editorClient, mailTo, postJson, waitForEmails } from '../integration/support.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

const pagesUrl = () => inject('pagesUrl');

/**
 * A business-meeting participant's space in Chromium (`rencontre-espace.html?jeton=…`): the
 * other side's profiles, the address confirmed, a rank given and saved, then the participant withdrawing (after a
 * confirmation step), with axe-core on each state.
 */
describe('the business-meeting space', () => {
  it('shows the other side, saves the ranks given and lets the participant withdraw, accessibly', async (context) => {
    await editorClient().createOrReplace(meetingDocument);
    const [buyer, supplier] = [participants[0], participants[2]] as [
      (typeof participants)[number],
      (typeof participants)[number],
    ];
    for (const who of [buyer, supplier]) {
      let status = 0;
      // The new document reaches the API within a moment (the webhook, the content revision).
      for (let attempt = 0; attempt < 40 && status !== 202; attempt++) {
        status = (
          await postJson(`/meetings/${meetingDocument.slug.current}/participants`, registrationBody(who))
        ).status;
        if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status, who.key).toBe(202);
    }
    const emails = await waitForEmails(
      (all) => mailTo(all, buyer.email).length === 1 && mailTo(all, supplier.email).length === 1,
    );
    const token = spaceTokenIn(mailTo(emails, buyer.email)[0]);
    // The supplier confirms their address from their own space: only then does the buyer see them.
    const supplierToken = spaceTokenIn(mailTo(emails, supplier.email)[0]);
    expect(
      (
        await fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(supplierToken)}/confirmation`, {
          method: 'POST',
        })
      ).status,
    ).toBe(200);

    const { page } = await browserFor(context);
    await page.goto(`${pagesUrl()}/rencontre-espace.html?jeton=${encodeURIComponent(token)}`);
    await componentsReady(page);
    await page.getByRole('heading', { name: meetingDocument.title }).waitFor();
    await expectNoAxeViolations(page, 'meeting space');
    await page.getByRole('button', { name: 'Confirmer mon adresse et afficher mon profil' }).click();
    await page.getByRole('status').filter({ hasText: 'votre adresse est confirmée' }).waitFor();
    await expectNoAxeViolations(page, 'meeting space, address confirmed');
    await page.getByLabel(`Rang pour ${supplier.name} (${supplier.organisation})`).fill('1');
    await page.getByRole('button', { name: 'Enregistrer mes souhaits' }).click();
    await page.getByRole('status').filter({ hasText: 'Vos souhaits sont enregistrés.' }).waitFor();
    await expectNoAxeViolations(page, 'meeting space, wishes saved');

    const space = (await (
      await fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(token)}`)
    ).json()) as {
      others: { id: string; name: string }[];
      wishes: string[];
    };
    expect(space.wishes).toEqual([space.others.find((other) => other.name === supplier.name)?.id]);

    // Withdrawing takes a confirmation; « Non » keeps everything as it was.
    await page.getByRole('button', { name: 'Me retirer de la rencontre' }).click();
    await page.getByRole('button', { name: 'Non, rester inscrit' }).click();
    await page.getByRole('button', { name: 'Me retirer de la rencontre' }).click();
    await page.getByRole('group').filter({ hasText: 'Voulez-vous vraiment vous retirer' }).waitFor();
    await expectNoAxeViolations(page, 'meeting space, withdrawal asked');
    await page.getByRole('button', { name: 'Oui, me retirer de la rencontre' }).click();
    await page.getByRole('status').filter({ hasText: 'Votre retrait de' }).waitFor();
    await expectNoAxeViolations(page, 'meeting space, withdrawn');
    expect((await fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(token)}`)).status).toBe(404);
    await editorClient().delete(meetingDocument._id);
  });
});
