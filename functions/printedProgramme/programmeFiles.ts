import { createHash } from 'node:crypto';
import { sanityApiVersion } from '../shared/content/contentApiVersion.ts';
import { type PrivateDocument, replacePrivateDocument } from '../shared/content/privateDocuments.ts';
import { fromSecret } from '../shared/secrets.ts';
import { setting } from '../shared/settings.ts';

/** The workers' robot token: it uploads, writes the records, and reads them back (private paths). */
export const writeToken = fromSecret('SANITY_WRITE_TOKEN', (token) => {
  if (!token) throw new Error('SANITY_WRITE_TOKEN is not set');
  return token;
});

const apiHost = () => setting('sanityApiHost') || `https://${setting('sanityProjectId')}.api.sanity.io`;

/** A file uploaded to the Content Lake: its asset document's id and its address on the CDN. */
export interface UploadedFile {
  readonly assetId: string;
  readonly url: string;
}

/**
 * Uploads a file as a file asset with the workers' robot token. The Content Lake names an asset
 * after its bytes' SHA-1: the same bytes uploaded again (a retry) are the same asset.
 */
export async function uploadFile(
  bytes: Buffer,
  filename: string,
  contentType: string,
): Promise<UploadedFile> {
  const url = `${apiHost()}/v${sanityApiVersion}/assets/files/${setting('sanityDataset')}?filename=${encodeURIComponent(filename)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${await writeToken()}`, 'content-type': contentType },
    body: new Uint8Array(bytes),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`The Content Lake refused the upload of ${filename}: HTTP ${response.status}`);
  }
  const { document } = (await response.json()) as { document: { _id: string; url: string } };
  return { assetId: document._id, url: document.url };
}

export const uploadPdf = (pdf: Buffer, filename: string) => uploadFile(pdf, filename, 'application/pdf');

/**
 * Creates a private document unless one has this id already (`createIfNotExists`, visible to
 * queries before the answer): whoever comes first wins, and nobody ever replaces it.
 */
export async function createPrivateDocumentOnce(document: PrivateDocument): Promise<void> {
  const url = `${apiHost()}/v${sanityApiVersion}/data/mutate/${setting('sanityDataset')}?returnIds=false&visibility=sync`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${await writeToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations: [{ createIfNotExists: document }] }),
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The Content Lake refused ${document._id}: HTTP ${response.status}`);
}

/** One printed programme made (national or for one region), as editors see it in the Studio. */
export interface PrintedProgrammeRecord extends PrivateDocument {
  readonly _type: 'printedProgrammeEdition' | 'printedProgrammeLatestEdition';
  readonly campaignId: string;
  /** What made it, hashed into its id: the same order (a retry) records the same edition. */
  readonly edition: string;
  readonly fileUrl: string;
  readonly assetId: string;
  readonly generatedAt: string;
  /** The instant the programme was taken at: the deadline, or the request's time before it. */
  readonly deadline: string;
  readonly closedOn: string;
  /** The region's INSEE code and name for a per-region booklet; null for the national one. */
  readonly region: string | null;
  readonly regionName: string | null;
  readonly pages: number;
  readonly events: number;
  /** When the deadline's snapshot it printed was taken; null when printed from the live programme. */
  readonly snapshotTakenAt: string | null;
  readonly trigger: 'deadline' | 'studio';
  readonly requestedBy: string | null;
}

const publishedId = (campaignId: string) => campaignId.replace(/^drafts\./, '');

/** `essaim-private.printedProgramme.<campaign id>`: the latest edition, whatever its scope. */
export const printedProgrammeRecordId = (campaignId: string) =>
  `essaim-private.printedProgramme.${publishedId(campaignId)}` as const;

/**
 * `essaim-private.printedProgramme.<campaign id>.<hash of the edition>`: each edition kept, with
 * its date (ids stay short whatever made it: a document id has at most 128 characters).
 */
export const printedEditionRecordId = (campaignId: string, edition: string) =>
  `${printedProgrammeRecordId(campaignId)}.${createHash('sha256').update(edition).digest('hex').slice(0, 20)}` as const;

/** Records the edition for good, and as the campaign's latest. */
export async function publishRecord(record: PrintedProgrammeRecord): Promise<void> {
  await replacePrivateDocument({ ...record, _type: 'printedProgrammeEdition' });
  await replacePrivateDocument({
    ...record,
    _id: printedProgrammeRecordId(record.campaignId),
    _type: 'printedProgrammeLatestEdition',
  });
}
