import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedProgrammesQuery } from '../../functions/printedProgramme/editionsQuery.ts';
import { printedProgrammeRecordId } from '../../functions/printedProgramme/programmeFiles.ts';
import {
  addedAfterDeadline,
  afterDeadline,
  asPrinted,
  bookletText,
  campaignId,
  deadlineDay,
  documents,
  draft,
  type Edition,
  edited,
  excluded,
  fireSchedule,
  included,
  later,
  type Printed,
  pdfText,
  printedRecord,
  printFromCommandLine,
  printLater,
  run,
  titles,
} from './printedProgrammeSupport.ts';
import { editorClient, useLocalFunctionEnvironment } from './support.ts';

/**
 * The printed programme through the local stack: the schedule (driven with a set clock, as the
 * stack's timer and EventBridge call it) makes a campaign's booklet once its deadline has passed,
 * once however often it fires; the booklet holds exactly the campaign's published, open-to-all,
 * not-cancelled events that were in the programme at the deadline (read back from the PDF the
 * Content Lake keeps). The Studio's request goes through the signed webhook and the stream.
 * After the deadline, every edition (the functions', the command line's) prints the programme
 * recorded when it passed, national or one region's, and each is kept and listed.
 */
describe('printed programme', () => {
  beforeAll(async () => {
    const transaction = editorClient()
      .transaction()
      .createOrReplace({
        _id: campaignId,
        _type: 'campaign',
        title: `Quinzaine de l’ESS ${run}`,
        slug: { _type: 'slug', current: `quinzaine-${run}` },
        startsOn: '2031-04-01',
        endsOn: '2031-04-15',
        submissionsOpenAt: '2031-01-05T08:00:00.000Z',
        submissionsCloseAt: '2031-03-01T22:00:00.000Z',
        printedProgrammeDeadline: deadlineDay,
      });
    for (const document of [...documents, draft]) transaction.createOrReplace(document);
    await transaction.commit();
  });

  afterAll(async () => {
    const transaction = editorClient().transaction();
    for (const document of [...documents, draft, ...addedAfterDeadline]) transaction.delete(document._id);
    for (const id of await editorClient().fetch<string[]>(
      '*[_type in ["printedProgrammeEdition", "printedProgrammeSnapshot"] && campaignId == $id]._id',
      { id: campaignId },
    ))
      transaction.delete(id);
    transaction.delete(campaignId).delete(printedProgrammeRecordId(campaignId));
    const requests = await editorClient().fetch<string[]>(
      '*[_type == "printedProgrammeRequest" && campaign._ref == $id]._id',
      { id: campaignId },
    );
    for (const id of requests) transaction.delete(id);
    await transaction.commit();
  });

  it('is made once its deadline has passed, once however often the schedule fires', async () => {
    // The deadline's day is not over: nothing yet.
    expect((await fireSchedule('2031-03-10T22:30:00.000Z')).campaigns).not.toContain(campaignId);
    expect(await printedRecord()).toBeNull();
    // Two firings at once, then a later one: one booklet.
    const [first, second] = await Promise.all([fireSchedule(afterDeadline), fireSchedule(afterDeadline)]);
    expect([...first.campaigns, ...second.campaigns].filter((id) => id === campaignId)).toHaveLength(1);
    const made = await printedRecord();
    expect((await fireSchedule('2031-03-11T08:15:00.000Z')).campaigns).not.toContain(campaignId);
    expect(await printedRecord()).toEqual(made);
    expect(made).toMatchObject({
      trigger: 'deadline',
      deadline: '2031-03-10T23:00:00.000Z',
      closedOn: deadlineDay,
      events: included.length,
      generatedAt: afterDeadline,
    });
    expect(made?.pages).toBeGreaterThanOrEqual(4);
  });

  it('holds exactly the open-to-all events published at the deadline, as typed', async () => {
    const made = (await printedRecord()) as Printed;
    const text = await bookletText(made.fileUrl);
    for (const title of included) expect(text, title).toContain(asPrinted(title));
    for (const title of excluded) expect(text, title).not.toContain(asPrinted(title));
    // Grouped by region: Auvergne-Rhône-Alpes before Bretagne, each event numbered once.
    expect(text.indexOf(asPrinted(titles.otherRegion))).toBeLessThan(
      text.indexOf(asPrinted(titles.withModeration)),
    );
    expect(text).toContain(`Quinzaine de l’ESS ${run}`);
    expect(text).toContain('du 1er au 15 avril 2031');
    expect(text).toContain('Programme arrêté le 10 mars 2031');
  });

  it('comes out byte for byte the same from the command line (npm run programme:pdf)', async () => {
    const made = (await printedRecord()) as Printed;
    const out = join(tmpdir(), `programme-${run}.pdf`);
    useLocalFunctionEnvironment();
    const command = spawnSync(
      process.execPath,
      ['infra/printProgramme.ts', '--campaign', campaignId, '--out', out],
      { env: { ...process.env, ESSAIM_NOW: afterDeadline }, encoding: 'utf8' },
    );
    expect(command.stderr).toBe('');
    expect(command.stdout).toContain(`${included.length} manifestations`);
    const fromTheLake = Buffer.from(await (await fetch(made.fileUrl)).arrayBuffer());
    expect(readFileSync(out).equals(fromTheLake)).toBe(true);
    rmSync(out);
  });

  it('is made again on an editor’s request from the Studio, through the signed webhook', async () => {
    const before = (await printedRecord()) as Printed;
    await editorClient().create({
      _id: `printedProgrammeRequest-${randomUUID()}`,
      _type: 'printedProgrammeRequest',
      campaign: { _type: 'reference', _ref: campaignId, _weak: true },
      requestedBy: 'p-essaim-editor',
      requestedAt: new Date().toISOString(),
    });
    const until = Date.now() + 20_000;
    let after = before;
    while (after.trigger !== 'studio' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = (await printedRecord()) as Printed;
    }
    // The stack's clock (20 October 2027) is before the deadline: the programme as it stands then,
    // every event since created (the moderated ones, published in 2031, not yet).
    expect(after).toMatchObject({ trigger: 'studio', events: 2, deadline: '2027-10-20T08:00:00.000Z' });
    const text = await bookletText(after.fileUrl);
    expect(text).toContain(asPrinted(titles.beforeModeration));
    expect(text).not.toContain(asPrinted(titles.withModeration));
  });

  describe('printed programme after its deadline', () => {
    it('was recorded when the deadline passed: one snapshot, with the events then', async () => {
      const snapshots = await editorClient().fetch<{ deadline: string; events: number; takenAt: string }[]>(
        '*[_type == "printedProgrammeSnapshot" && campaignId == $id]{ deadline, events, takenAt }',
        { id: campaignId },
      );
      expect(snapshots).toEqual([
        { deadline: '2031-03-10T23:00:00.000Z', events: included.length, takenAt: afterDeadline },
      ]);
    });

    it('prints the programme as it stood at the deadline, whatever was edited, unpublished or published since', async () => {
      const [withModeration, beforeModeration] = documents;
      await editorClient()
        .transaction()
        .patch(withModeration?._id as string, (patch) => patch.set({ title: edited }))
        .delete(beforeModeration?._id as string)
        .createOrReplace(addedAfterDeadline[0] as (typeof documents)[number])
        .commit();
      const edition = await printLater('request#après-la-date-limite', null);
      expect(edition).toMatchObject({
        events: included.length,
        region: null,
        snapshotTakenAt: afterDeadline,
        closedOn: deadlineDay,
        generatedAt: later.toISOString(),
      });
      const text = await bookletText(edition.fileUrl);
      for (const title of included) expect(text, title).toContain(asPrinted(title));
      expect(text).not.toContain(asPrinted(edited));
      for (const title of [...excluded, addedAfterDeadline[0]?.title as string])
        expect(text, title).not.toContain(asPrinted(title));
      // The command line prints the same snapshot: the same file, byte for byte.
      const fromCommandLine = printFromCommandLine();
      expect(fromCommandLine.stderr).toBe('');
      const kept = Buffer.from(await (await fetch(edition.fileUrl)).arrayBuffer());
      expect(fromCommandLine.pdf.equals(kept)).toBe(true);
    });

    it('makes one region’s booklet, with exactly that region’s events, from the Studio and the command line', async () => {
      const bretagne = { code: '53', name: 'Bretagne' };
      const first = await printLater('request#bretagne', bretagne);
      // The same request again (a retry): the same edition, not a second one.
      const again = await printLater('request#bretagne', bretagne);
      expect(again._id).toBe(first._id);
      expect(first).toMatchObject({ region: '53', regionName: 'Bretagne', events: 3 });
      const text = await bookletText(first.fileUrl);
      for (const title of [titles.withModeration, titles.beforeModeration, titles.lateOnDeadlineDay])
        expect(text, title).toContain(asPrinted(title));
      expect(text).not.toContain(asPrinted(titles.otherRegion));
      expect(text).not.toContain('Auvergne-Rhône-Alpes');

      const lyon = printFromCommandLine('--region', '84');
      expect(lyon.stdout).toContain('1 manifestations (Auvergne-Rhône-Alpes)');
      const lyonText = await pdfText(lyon.pdf);
      expect(lyonText).toContain(asPrinted(titles.otherRegion));
      for (const title of [titles.withModeration, titles.beforeModeration, titles.lateOnDeadlineDay])
        expect(lyonText, title).not.toContain(asPrinted(title));
      expect(printFromCommandLine('--region', '84').pdf.equals(lyon.pdf)).toBe(true);
    });

    it('keeps every edition with its date, as the campaign lists them in the Studio', async () => {
      const { editions, snapshots } = await editorClient().fetch<{
        editions: Edition[];
        snapshots: { events: number }[];
      }>(printedProgrammesQuery, { id: campaignId });
      expect(snapshots).toHaveLength(1);
      const listed = editions.map((edition) => `${edition.generatedAt} ${edition.trigger} ${edition.region}`);
      // Newest first: the two made later, the deadline's, the one asked for before the deadline.
      expect(listed.slice(2)).toEqual([
        `${afterDeadline} deadline null`,
        '2027-10-20T08:00:00.000Z studio null',
      ]);
      expect(listed.slice(0, 2).sort()).toEqual([
        `${later.toISOString()} studio 53`,
        `${later.toISOString()} studio null`,
      ]);
      for (const edition of editions) {
        expect(edition.fileUrl).toMatch(/\.pdf$/);
        expect(edition.pages).toBeGreaterThanOrEqual(4);
      }
      // The campaign's latest, as before: the last one made.
      expect((await printedRecord())?.generatedAt).toBe(later.toISOString());
    });

    it('makes a region’s booklet on a Studio request naming the region, through the signed webhook', async () => {
      await editorClient().create({
        _id: `printedProgrammeRequest-${randomUUID()}`,
        _type: 'printedProgrammeRequest',
        campaign: { _type: 'reference', _ref: campaignId, _weak: true },
        region: '84',
        requestedBy: 'p-essaim-editor',
        requestedAt: new Date().toISOString(),
      });
      const regional = () =>
        editorClient().fetch<Edition | null>(
          '*[_type == "printedProgrammeEdition" && campaignId == $id && region == "84"][0]',
          { id: campaignId },
        );
      const until = Date.now() + 20_000;
      let made = await regional();
      while (!made && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        made = await regional();
      }
      // The stack's clock is before the deadline: Auvergne-Rhône-Alpes's events as they stand then.
      expect(made).toMatchObject({ trigger: 'studio', regionName: 'Auvergne-Rhône-Alpes', events: 1 });
      const text = await bookletText((made as Edition).fileUrl);
      expect(text).toContain(asPrinted(titles.otherRegion));
      expect(text).not.toContain(asPrinted(titles.lateOnDeadlineDay));
    });

    it('is never recorded twice for a deadline, even by two runs at once with different programmes', async () => {
      useLocalFunctionEnvironment();
      const { deadlineSnapshot } = await import('../../functions/printedProgramme/snapshotStore.ts');
      const { programmeSnapshot } = await import('../../functions/printedProgramme/programmeSnapshot.ts');
      const otherDeadline = new Date('2031-03-11T23:00:00.000Z');
      const take = (title: string) => async () =>
        programmeSnapshot(campaignId, { title, slug: null, startsOn: null, endsOn: null }, [], {
          deadline: otherDeadline,
          takenAt: later,
        });
      const [first, second] = await Promise.all([
        deadlineSnapshot(campaignId, otherDeadline, take('premier')),
        deadlineSnapshot(campaignId, otherDeadline, take('second')),
      ]);
      expect(second.campaign.title).toBe(first.campaign.title);
      const third = await deadlineSnapshot(campaignId, otherDeadline, take('troisième'));
      expect(third.campaign.title).toBe(first.campaign.title);
    });
  });
});
