import { sanityApiVersion } from '../shared/content/contentApiVersion.ts';
import { type PrivateDocument, replacePrivateDocument } from '../shared/content/privateDocuments.ts';
import { fromSecret } from '../shared/secrets.ts';
import { setting } from '../shared/settings.ts';

const writeToken = fromSecret('SANITY_WRITE_TOKEN', (token) => {
  if (!token) throw new Error('SANITY_WRITE_TOKEN is not set');
  return token;
});

/** A file uploaded to the Content Lake: its asset document's id and its address on the CDN. */
export interface UploadedFile {
  readonly assetId: string;
  readonly url: string;
}

/**
 * Uploads a PDF as a file asset with the workers' robot token. The Content Lake names an asset
 * after its bytes' SHA-1: the same booklet uploaded again (a retry) is the same asset.
 */
export async function uploadPdf(pdf: Buffer, filename: string): Promise<UploadedFile> {
  const host = setting('sanityApiHost') || `https://${setting('sanityProjectId')}.api.sanity.io`;
  const url = `${host}/v${sanityApiVersion}/assets/files/${setting('sanityDataset')}?filename=${encodeURIComponent(filename)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${await writeToken()}`, 'content-type': 'application/pdf' },
    body: new Uint8Array(pdf),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`The Content Lake refused the upload of ${filename}: HTTP ${response.status}`);
  }
  const { document } = (await response.json()) as { document: { _id: string; url: string } };
  return { assetId: document._id, url: document.url };
}

/** What editors see of a campaign's latest printed programme (on the campaign, in the Studio). */
export interface PrintedProgrammeRecord extends PrivateDocument {
  readonly _type: 'printedProgrammeEdition';
  readonly campaignId: string;
  readonly fileUrl: string;
  readonly assetId: string;
  readonly generatedAt: string;
  /** The instant the programme was taken at: the deadline, or the request's time before it. */
  readonly deadline: string;
  readonly closedOn: string;
  readonly pages: number;
  readonly events: number;
  readonly trigger: 'deadline' | 'studio';
  readonly requestedBy: string | null;
}

/** `essaim-private.printedProgramme.<campaign id>`: read by Studio users only. */
export const printedProgrammeRecordId = (campaignId: string) =>
  `essaim-private.printedProgramme.${campaignId.replace(/^drafts\./, '')}` as const;

export const publishRecord = (record: PrintedProgrammeRecord): Promise<void> =>
  replacePrivateDocument(record);
