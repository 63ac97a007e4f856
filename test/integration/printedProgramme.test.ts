import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedProgrammeRecordId } from '../../functions/printedProgramme/programmeFiles.ts';
import { frenchPunctuation } from '../../functions/printedProgramme/typstText.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { atTime } from './abuseSupport.ts';
import { editorClient, useLocalFunctionEnvironment } from './support.ts';

/**
 * The printed programme through the local stack: the schedule (driven with a set clock, as the
 * stack's timer and EventBridge call it) makes a campaign's booklet once its deadline has passed,
 * once however often it fires; the booklet holds exactly the campaign's published, open-to-all,
 * not-cancelled events that were in the programme at the deadline (read back from the PDF the
 * Content Lake keeps). The Studio's request goes through the signed webhook and the stream.
 */
const run = randomUUID().slice(0, 8);
const campaignId = `campaign-programme-papier-${run}`;
// Far from the demo campaign (deadline 12 September 2027): only this test's campaign is due.
const deadlineDay = '2031-03-10';
const afterDeadline = '2031-03-11T08:00:00.000Z';

interface Printed {
  fileUrl: string;
  generatedAt: string;
  deadline: string;
  closedOn: string;
  pages: number;
  events: number;
  trigger: string;
}

/** The schedule's run, as EventBridge (or the local stack's timer) calls it, at `iso`. */
async function fireSchedule(iso: string): Promise<{ printed: number; campaigns: string[] }> {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/printedProgramme/printAtDeadlines.ts')) as {
    handler: (event: unknown, context: Context) => Promise<{ printed: number; campaigns: string[] }>;
  };
  return atTime(iso, () => handler({}, lambdaContext('printAtDeadlines', 120_000)));
}

// Titles with Typst's markup characters: printed as typed, never run.
const titles = {
  withModeration: `Atelier #${run} *coopératif* [réparer] et $réemployer$`,
  beforeModeration: `Portes ouvertes @${run} _jardin partagé_ <serre>`,
  otherRegion: `Ciné-débat ${run} \\ « Le Pari du collectif »`,
  lateOnDeadlineDay: `Rencontre ${run} du soir avant minuit`,
  publishedAfter: `Visite ${run} publiée après la date limite`,
  notOpenToAll: `Formation ${run} réservée aux adhérents`,
  draft: `Brouillon ${run} jamais publié`,
  cancelled: `Débat ${run} annulé`,
  otherCampaign: `Conférence ${run} d’une autre campagne`,
};
const included = [
  titles.withModeration,
  titles.beforeModeration,
  titles.otherRegion,
  titles.lateOnDeadlineDay,
];
const excluded = [
  titles.publishedAfter,
  titles.notOpenToAll,
  titles.draft,
  titles.cancelled,
  titles.otherCampaign,
];

const event = (key: string, title: string, fields: Record<string, unknown> = {}) => ({
  _id: `event-programme-papier-${key}-${run}`,
  _type: 'event',
  title,
  slug: { _type: 'slug', current: `programme-papier-${key}-${run}` },
  summary: 'Une manifestation ouverte à toutes et à tous.',
  startsAt: '2031-04-08T12:00:00.000Z',
  endsAt: '2031-04-08T14:00:00.000Z',
  format: 'rencontre',
  themes: ['cooperation'],
  openToAll: true,
  status: 'scheduled',
  campaign: { _type: 'reference', _ref: campaignId },
  organizer: { _type: 'reference', _ref: 'organization-0001' },
  region: { _type: 'reference', _ref: 'region-53' },
  venue: { name: 'Maison de l’ESS', address: '3 place de la Gare', postalCode: '35000', city: 'Rennes' },
  registration: { enabled: true, capacity: 40 },
  accessibility: { wheelchair: true },
  price: { free: true },
  ...fields,
});

const documents = [
  event('moderee', titles.withModeration, { moderation: { publishedAt: '2031-03-01T09:00:00.000Z' } }),
  // Without moderation: in the programme since it was created (now, years before the deadline).
  event('ancienne', titles.beforeModeration),
  event('lyon', titles.otherRegion, {
    region: { _type: 'reference', _ref: 'region-84' },
    venue: { name: 'Tiers-lieu', postalCode: '69001', city: 'Lyon' },
  }),
  // 22:30 in Paris on the deadline's day: before its midnight.
  event('soir', titles.lateOnDeadlineDay, { moderation: { publishedAt: '2031-03-10T21:30:00.000Z' } }),
  event('tardive', titles.publishedAfter, { moderation: { publishedAt: '2031-03-10T23:30:00.000Z' } }),
  event('reservee', titles.notOpenToAll, { openToAll: false }),
  event('annulee', titles.cancelled, { status: 'cancelled' }),
  event('autre', titles.otherCampaign, { campaign: { _type: 'reference', _ref: 'campaign-mois-ess-2027' } }),
];
const draft = { ...event('brouillon', titles.draft), _id: `drafts.event-programme-papier-brouillon-${run}` };

async function printedRecord(): Promise<Printed | null> {
  return editorClient().fetch<Printed | null>('*[_id == $id][0]', {
    id: printedProgrammeRecordId(campaignId),
  });
}

/** The booklet's text, every run of white space one space. */
async function bookletText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const pdf = new Uint8Array(await response.arrayBuffer());
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  const parser = new PDFParse({ data: pdf });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}
/** A title as the booklet sets it (French spaces before punctuation), white space as in `bookletText`. */
const asPrinted = (title: string) => frenchPunctuation(title).replace(/\s+/g, ' ');

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
    for (const document of [...documents, draft]) transaction.delete(document._id);
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
});
