import { readContent } from '../shared/content/contentReader.ts';
import { eventPageUrl } from '../shared/pageLinks.ts';
import { type BookletReader, makeBooklet } from './printedBooklet.ts';
import {
  type PrintedProgrammeRecord,
  printedEditionRecordId,
  publishRecord,
  uploadPdf,
} from './programmeFiles.ts';
import type { PrintedRegionScope } from './programmeRegions.ts';
import { printedCampaignQuery, printedProgrammeEventsQuery } from './queries.ts';
import { deadlineSnapshot } from './snapshotStore.ts';

export interface PrintOrder {
  readonly campaignId: string;
  readonly trigger: PrintedProgrammeRecord['trigger'];
  readonly requestedBy: string | null;
  readonly now: Date;
  /** One region's booklet; null: the national one. */
  readonly region: PrintedRegionScope | null;
  /**
   * What makes this edition itself (`deadline#<instant>`, `request#<id>`): the same order done
   * again (a retry) replaces its record instead of adding one.
   */
  readonly edition: string;
}

/**
 * The Content Lake, read fresh (revision checked now): the live programme is what is published;
 * after the deadline, its snapshot, taken the first time it is needed (with the robot token).
 */
const contentLake: BookletReader = {
  campaign: async (id) => (await readContent(printedCampaignQuery, { id }, { revalidate: true })).value,
  events: async (params) =>
    (await readContent(printedProgrammeEventsQuery, params, { revalidate: true })).value,
  frozenAt: deadlineSnapshot,
};

/** Where visitors register, as the cover prints it: the event pages' host. */
export const registrationSite = (): string => new URL(eventPageUrl('')).host;

/**
 * Makes a campaign's printed programme (`makeBooklet`), uploads the PDF to the Content Lake and
 * records the edition, kept with its date, and as the campaign's latest. Every step is harmless
 * to repeat: the same booklet is the same asset, and the same order's record is replaced. Null
 * when there is nothing to print.
 */
export async function printProgramme(order: PrintOrder): Promise<PrintedProgrammeRecord | null> {
  const booklet = await makeBooklet(contentLake, order.campaignId, {
    now: order.now,
    registrationSite: registrationSite(),
    region: order.region,
  });
  if (!booklet) return null;
  const file = await uploadPdf(booklet.pdf, booklet.filename);
  const record: PrintedProgrammeRecord = {
    _id: printedEditionRecordId(booklet.campaignId, order.edition),
    _type: 'printedProgrammeEdition',
    campaignId: booklet.campaignId,
    edition: order.edition,
    fileUrl: file.url,
    assetId: file.assetId,
    generatedAt: order.now.toISOString(),
    deadline: booklet.takenAt.toISOString(),
    closedOn: booklet.closedOn,
    region: booklet.region?.code ?? null,
    regionName: booklet.region?.name ?? null,
    pages: booklet.pages,
    events: booklet.events,
    snapshotTakenAt: booklet.snapshotTakenAt,
    trigger: order.trigger,
    requestedBy: order.requestedBy,
  };
  await publishRecord(record);
  return record;
}
