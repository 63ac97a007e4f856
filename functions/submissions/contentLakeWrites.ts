import { sanityApiVersion } from '../shared/content/contentApiVersion.ts';
import { fromSecret } from '../shared/secrets.ts';
import { setting } from '../shared/settings.ts';

/**
 * What this feature's workers write to the Content Lake, with the workers' robot token
 * (`SANITY_WRITE_TOKEN`; never an HTTP route): submitted events as drafts, and the private
 * document of each submission's contact. Plain fetches of the data API (the Sanity client and
 * its rxjs stay out of the bundle).
 */
const writeToken = fromSecret('SANITY_WRITE_TOKEN', (token) => {
  if (!token) throw new Error('SANITY_WRITE_TOKEN is not set');
  return token;
});

const dataUrl = (endpoint: 'doc' | 'mutate' | 'query', path = '') => {
  const host = setting('sanityApiHost') || `https://${setting('sanityProjectId')}.api.sanity.io`;
  return `${host}/v${sanityApiVersion}/data/${endpoint}/${setting('sanityDataset')}${path}`;
};

export type SanityDocument = { readonly _id: string; readonly _type: string } & Record<string, unknown>;
export type Mutation =
  | { readonly createIfNotExists: SanityDocument }
  | { readonly createOrReplace: SanityDocument }
  | { readonly patch: { readonly id: string } & Record<string, unknown> };

/** Documents by id, drafts and private ones included (the robot token reads them all). */
export async function documentsById(ids: readonly string[]): Promise<Map<string, SanityDocument>> {
  const response = await fetch(dataUrl('doc', `/${ids.map(encodeURIComponent).join(',')}`), {
    headers: { authorization: `Bearer ${await writeToken()}`, accept: 'application/json' },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`The Content Lake refused to read documents: HTTP ${response.status}`);
  }
  const { documents } = (await response.json()) as { documents: SanityDocument[] };
  return new Map(documents.map((document) => [document._id, document]));
}

/**
 * Applies mutations in one transaction; throws on any refusal, with the status only (the body
 * may quote data). Idempotence is the caller's: mutations that leave the same documents when
 * applied twice.
 */
export async function mutate(mutations: readonly Mutation[]): Promise<void> {
  const response = await fetch(`${dataUrl('mutate')}?returnIds=false&visibility=sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await writeToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations }),
    signal: AbortSignal.timeout(8000),
  });
  await response.body?.cancel();
  if (!response.ok)
    throw new Error(`The Content Lake refused a submission's mutations: HTTP ${response.status}`);
}

/** A GROQ query over every document, drafts included (`raw`), with the robot token. */
export async function queryWithDrafts<Result>(
  query: string,
  params: Record<string, unknown>,
): Promise<Result> {
  const response = await fetch(`${dataUrl('query')}?perspective=raw&returnQuery=false`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await writeToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, params }),
    signal: AbortSignal.timeout(8000),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`The Content Lake refused a query: HTTP ${response.status}`);
  }
  return ((await response.json()) as { result: Result }).result;
}
