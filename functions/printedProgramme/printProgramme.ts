import { readContent } from '../shared/content/contentReader.ts';
import { eventPageUrl } from '../shared/pageLinks.ts';
import { type BookletReader, makeBooklet } from './printedBooklet.ts';
import {
  type PrintedProgrammeRecord,
  printedProgrammeRecordId,
  publishRecord,
  uploadPdf,
} from './programmeFiles.ts';
import { printedCampaignQuery, printedProgrammeEventsQuery } from './queries.ts';

export interface PrintOrder {
  readonly campaignId: string;
  readonly trigger: PrintedProgrammeRecord['trigger'];
  readonly requestedBy: string | null;
  readonly now: Date;
}

/** The Content Lake, read fresh (revision checked now): the booklet is what is published. */
const contentLake: BookletReader = {
  campaign: async (id) => (await readContent(printedCampaignQuery, { id }, { revalidate: true })).value,
  events: async (params) =>
    (await readContent(printedProgrammeEventsQuery, params, { revalidate: true })).value,
};

/** Where visitors register, as the cover prints it: the event pages' host. */
export const registrationSite = (): string => new URL(eventPageUrl('')).host;

/**
 * Makes a campaign's printed programme (`makeBooklet`), uploads the PDF to the Content Lake and
 * records it on the campaign for editors. Every step is harmless to repeat: the same booklet is
 * the same asset, and the record is replaced. Null when there is nothing to print.
 */
export async function printProgramme(order: PrintOrder): Promise<PrintedProgrammeRecord | null> {
  const booklet = await makeBooklet(contentLake, order.campaignId, {
    now: order.now,
    registrationSite: registrationSite(),
  });
  if (!booklet) return null;
  const file = await uploadPdf(booklet.pdf, booklet.filename);
  const record: PrintedProgrammeRecord = {
    _id: printedProgrammeRecordId(booklet.campaignId),
    _type: 'printedProgrammeEdition',
    campaignId: booklet.campaignId,
    fileUrl: file.url,
    assetId: file.assetId,
    generatedAt: order.now.toISOString(),
    deadline: booklet.takenAt.toISOString(),
    closedOn: booklet.closedOn,
    pages: booklet.pages,
    events: booklet.events,
    trigger: order.trigger,
    requestedBy: order.requestedBy,
  };
  await publishRecord(record);
  return record;
}
