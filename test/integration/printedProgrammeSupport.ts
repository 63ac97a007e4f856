import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { PDFParse } from 'pdf-parse';
import { expect } from 'vitest';
import { printedProgrammeRecordId } from '../../functions/printedProgramme/programmeFiles.ts';
import { frenchPunctuation } from '../../functions/printedProgramme/typstText.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { atTime } from './abuseSupport.ts';
import { editorClient, useLocalFunctionEnvironment } from './support.ts';

export { pdfText } from '../support/pdfText.ts';

/** The printed programme's test campaign, its events, and the ways its booklets are made and read. */
export const run = randomUUID().slice(0, 8);
export const campaignId = `campaign-programme-papier-${run}`;
// Far from the demo campaign (deadline 12 September 2027): only this test's campaign is due.
export const deadlineDay = '2031-03-10';
export const afterDeadline = '2031-03-11T08:00:00.000Z';

export interface Printed {
  fileUrl: string;
  generatedAt: string;
  deadline: string;
  closedOn: string;
  pages: number;
  events: number;
  trigger: string;
}

/** The schedule's run, as EventBridge (or the local stack's timer) calls it, at `iso`. */
export async function fireSchedule(iso: string): Promise<{ printed: number; campaigns: string[] }> {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/printedProgramme/printAtDeadlines.ts')) as {
    handler: (event: unknown, context: Context) => Promise<{ printed: number; campaigns: string[] }>;
  };
  return atTime(iso, () => handler({}, lambdaContext('printAtDeadlines', 120_000)));
}

// Titles with Typst's markup characters: printed as typed, never run.
export const titles = {
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
export const included = [
  titles.withModeration,
  titles.beforeModeration,
  titles.otherRegion,
  titles.lateOnDeadlineDay,
];
export const excluded = [
  titles.publishedAfter,
  titles.notOpenToAll,
  titles.draft,
  titles.cancelled,
  titles.otherCampaign,
];

export const event = (key: string, title: string, fields: Record<string, unknown> = {}) => ({
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

export const documents = [
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
export const draft = {
  ...event('brouillon', titles.draft),
  _id: `drafts.event-programme-papier-brouillon-${run}`,
};

export async function printedRecord(): Promise<Printed | null> {
  return editorClient().fetch<Printed | null>('*[_id == $id][0]', {
    id: printedProgrammeRecordId(campaignId),
  });
}

/** The booklet's text, every run of white space one space. */
export async function bookletText(url: string): Promise<string> {
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
export const asPrinted = (title: string) => frenchPunctuation(title).replace(/\s+/g, ' ');

export const edited = `Atelier ${run} au titre changé après la date limite`;
export const addedAfterDeadline = [
  // Published after the snapshot, with a publication date (wrongly) before the deadline: absent all the same.
  event('ajoutee', `Marché ${run} ajouté après la date limite`, {
    moderation: { publishedAt: '2031-03-05T09:00:00.000Z' },
  }),
];
export const later = new Date('2031-03-20T10:00:00.000Z');

export interface Edition extends Printed {
  _id: string;
  region: string | null;
  regionName: string | null;
  snapshotTakenAt: string | null;
}

/** An edition made as the request worker makes it, in this process, at `later`. */
export async function printLater(
  edition: string,
  region: { code: string; name: string } | null,
): Promise<Edition> {
  useLocalFunctionEnvironment();
  const { printProgramme } = await import('../../functions/printedProgramme/printProgramme.ts');
  const record = await printProgramme({
    campaignId,
    trigger: 'studio',
    requestedBy: 'p-essaim-editor',
    now: later,
    region,
    edition,
  });
  expect(record).not.toBeNull();
  return record as unknown as Edition;
}

/** `npm run programme:pdf` (`functions/printedProgramme/programmeCommand.ts`) at `later`: its file and output. */
export function printFromCommandLine(...args: string[]): { pdf: Buffer; stdout: string; stderr: string } {
  const out = join(tmpdir(), `programme-${run}-${randomUUID().slice(0, 6)}.pdf`);
  useLocalFunctionEnvironment();
  const command = spawnSync(
    process.execPath,
    ['functions/printedProgramme/programmeCommand.ts', '--campaign', campaignId, '--out', out, ...args],
    { env: { ...process.env, ESSAIM_NOW: later.toISOString() }, encoding: 'utf8' },
  );
  const pdf = readFileSync(out);
  rmSync(out);
  return { pdf, stdout: command.stdout, stderr: command.stderr };
}
