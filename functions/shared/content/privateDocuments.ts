import { fromSecret } from '../secrets.ts';
import { setting } from '../settings.ts';
import { sanityApiVersion } from './contentApiVersion.ts';

/**
 * Documents the backend keeps in the Content Lake for editors only (subscriber counts, sending
 * progress): their ids start with `essaim-private.`, a sub-path, which Sanity never shows to a
 * reader without a token even in a public dataset, while every Studio user reads them. They are
 * written with the workers' robot token (`SANITY_WRITE_TOKEN`) and never by an HTTP route; the
 * content webhook ignores their types.
 */
export const privateDocumentPrefix = 'essaim-private.' as const;

export interface PrivateDocument {
  readonly _id: `${typeof privateDocumentPrefix}${string}`;
  readonly _type: string;
}

const writeToken = fromSecret('SANITY_WRITE_TOKEN', (token) => {
  if (!token) throw new Error('SANITY_WRITE_TOKEN is not set');
  return token;
});

/** The mutate endpoint: a plain fetch (the Sanity client and its rxjs stay out of the workers). */
function mutateUrl(): string {
  const host = setting('sanityApiHost') || `https://${setting('sanityProjectId')}.api.sanity.io`;
  return `${host}/v${sanityApiVersion}/data/mutate/${setting('sanityDataset')}?returnIds=false&visibility=async`;
}

/** Replaces a private document with this content (created the first time); throws on any refusal. */
export async function replacePrivateDocument(document: PrivateDocument): Promise<void> {
  if (!document._id.startsWith(privateDocumentPrefix))
    throw new Error(`Not a private document id: ${document._id}`);
  const response = await fetch(mutateUrl(), {
    method: 'POST',
    headers: { authorization: `Bearer ${await writeToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations: [{ createOrReplace: document }] }),
    signal: AbortSignal.timeout(5000),
  });
  // The body may describe the document; only the status is worth a log line.
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The Content Lake refused ${document._id}: HTTP ${response.status}`);
}
