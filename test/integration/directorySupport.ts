import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { directoryEntryIdOf } from '../../functions/directory/directoryEntry.ts';
import { entryKey } from '../../functions/directory/directoryStore.ts';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { until } from './submissionSupport.ts';
import { tokenOfLink } from './subscriptionSupport.ts';
import { apiUrl, documentClient, editorClient, mailTo, postJson, waitForEmails } from './support.ts';

/** The directory's requests, links and documents, for `directory.test.ts`. */

export const entryRequest = (email: string, organization: string, extra: Record<string, unknown> = {}) => ({
  email,
  name: 'Camille Martin',
  organization,
  role: 'Cogérante',
  region: '53',
  sectors: ['numerique', 'economie-circulaire'],
  families: ['cooperative'],
  offers: ['expertise', 'mutualisation'],
  offerDetails: 'Accompagnement au numérique libre et réemploi de matériel informatique.',
  needs: ['financement'],
  publicEmail: 'contact@atelier-armor.example',
  links: ['https://atelier-armor.example'],
  publicFields: [
    'name',
    'organization',
    'role',
    'region',
    'sectors',
    'families',
    'offers',
    'needs',
    'publicEmail',
    'links',
  ],
  consent: true,
  ...extra,
});

export const entryIdOf = (email: string): string =>
  directoryEntryIdOf(secretDeclarations.ADDRESS_HASH_KEY.local as string, email);
export const documentIdOf = (email: string): string => `directoryEntry-${entryIdOf(email)}`;

export const askForEntry = (body: unknown) => postJson('/directory/entries', body);

/** Asks for an entry and answers the token of the link mailed to confirm it. */
export async function askAndReadLink(body: { email: string }, mailsBefore = 0): Promise<string> {
  const asked = await askForEntry(body);
  if (asked.status !== 202) throw new Error(`The request was refused: ${asked.status} ${await asked.text()}`);
  const mails = mailTo(
    await waitForEmails((all) => mailTo(all, body.email).length > mailsBefore),
    body.email,
  );
  return tokenOfLink(mails.at(-1), 'annuaire-fiche');
}

export const linkRequest = (token: string, method = 'GET', body?: unknown) =>
  fetch(`${apiUrl()}/directory/entries/${encodeURIComponent(token)}`, {
    method,
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });

export const confirmLink = (token: string) =>
  fetch(`${apiUrl()}/directory/entries/${encodeURIComponent(token)}/confirmation`, { method: 'POST' });

export const tableItemOf = async (email: string) =>
  (
    await documentClient().send(
      new GetCommand({
        TableName: localTableName('directoryEntries'),
        Key: { pk: entryKey(entryIdOf(email)) },
        ConsistentRead: true,
      }),
    )
  ).Item;

type EntryDocument = Record<string, unknown> & { _id: string; moderation?: { entryVersion?: number } };

/** The draft the worker writes, once it holds `version`. */
export const draftOf = (email: string, version = 1) =>
  until(async () => {
    const draft = await editorClient().getDocument<EntryDocument>(`drafts.${documentIdOf(email)}`);
    return draft && (draft.moderation?.entryVersion ?? 0) >= version ? draft : undefined;
  }, `the draft of ${email} at version ${version}`);

/** What « Publier » does in the Studio: the draft becomes the published document. */
export async function publish(email: string, version = 1): Promise<void> {
  const { _rev, _updatedAt, _createdAt, _id, ...draft } = await draftOf(email, version);
  await editorClient()
    .transaction()
    .createOrReplace({ ...draft, _id: documentIdOf(email), _type: 'directoryEntry' })
    .delete(_id)
    .commit();
}

/** Whether either document of the entry is still in the Content Lake (drafts included). */
export const documentsLeft = async (email: string): Promise<number> =>
  editorClient().fetch<number>(
    'count(*[_id in [$id, $draft]])',
    { id: documentIdOf(email), draft: `drafts.${documentIdOf(email)}` },
    { perspective: 'raw' },
  );
