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
 * other side's profiles, a rank given and saved, with axe-core on each state.
 */
describe('the business-meeting space', () => {
  it('shows the other side and saves the ranks given, accessibly', async (context) => {
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
    const [mail] = mailTo(await waitForEmails((all) => mailTo(all, buyer.email).length === 1), buyer.email);
    const token = spaceTokenIn(mail);

    const { page } = await browserFor(context);
    await page.goto(`${pagesUrl()}/rencontre-espace.html?jeton=${encodeURIComponent(token)}`);
    await componentsReady(page);
    await page.getByRole('heading', { name: meetingDocument.title }).waitFor();
    await expectNoAxeViolations(page, 'meeting space');
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
    await editorClient().delete(meetingDocument._id);
  });
});
