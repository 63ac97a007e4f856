import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryRefusalReasons } from '../../functions/directory/directoryVocabulary.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName, localWebhookSecret } from '../../infra/local/localEnvironment.ts';
import {
  type DocumentDecisionContext,
  directoryModeration,
  type ModeratedDraft,
  moderatedPublication,
  moderatedRefusal,
  newDecisionRequestId,
  type RawMutation,
} from '../../studio/moderation/moderationMutations.ts';
import {
  askAndReadLink,
  askForEntry,
  confirmLink,
  documentIdOf,
  draftOf,
  entryRequest,
  linkRequest,
} from './directorySupport.ts';
import { until } from './submissionSupport.ts';
import { tokenOfLink } from './subscriptionSupport.ts';
import {
  apiUrl,
  type DeliveredEmail,
  documentClient,
  editorClient,
  mailTo,
  settledEmails,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

/**
 * The editors' « Publier » and « Refuser » of members' entries (committed here as the Studio
 * commits them: `studio/moderation/moderationMutations.ts`), each told to the member once through
 * the signed webhook of its `directoryDecision` request, whatever the replays and retries; and a
 * member who lost their link asking again.
 */

const organization = `Recyclerie du Trégor ${randomUUID().slice(0, 8)}`;
const documentIds: string[] = [];

/** A member's entry, asked for and confirmed: its draft « À modérer » and the member's first link. */
async function confirmedEntry(label: string) {
  const email = uniqueEmail(label);
  const token = await askAndReadLink(entryRequest(email, organization));
  expect((await confirmLink(token)).status).toBe(200);
  documentIds.push(documentIdOf(email));
  const draft = (await draftOf(email)) as ModeratedDraft;
  return { email, token, draft };
}

/** What the Studio's action commits: the decision and its request, in one transaction. */
async function decide(email: string, mutations: (context: DocumentDecisionContext) => RawMutation[]) {
  const context = {
    documentId: documentIdOf(email),
    requestId: newDecisionRequestId(directoryModeration),
    decidedBy: 'Équipe (essai)',
    now: new Date().toISOString(),
  };
  await editorClient().mutate(mutations(context) as never, { visibility: 'sync' });
  return context.requestId;
}

const decisionMails = (emails: DeliveredEmail[], email: string) =>
  mailTo(emails, email).filter((mail) => !mail.subject.startsWith('Confirmez'));

/** The change the content webhook recorded for a request (its create), as the stream hands it over. */
async function recordedChange(requestId: string) {
  const { _rev } = (await editorClient().getDocument(requestId)) as { _rev: string };
  const Item = await until(
    async () =>
      (
        await documentClient().send(
          new GetCommand({
            TableName: localTableName('contentChanges'),
            Key: { pk: `CHANGE#${requestId}#${_rev}` },
            ConsistentRead: true,
          }),
        )
      ).Item,
    'the recorded change',
  );
  expect(Item).toMatchObject({ type: 'directoryDecision', operation: 'create' });
  return Item as Record<string, unknown> & { updatedAt: string; revision: string };
}

let runWorker: (item: Record<string, unknown>) => Promise<unknown>;

beforeAll(async () => {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/directory/mailDirectoryDecisions.ts')) as unknown as {
    handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
  };
  runWorker = (item) =>
    handler(
      {
        Records: [
          {
            eventID: `retry-${Date.now()}`,
            eventName: 'INSERT',
            dynamodb: {
              Keys: marshall({ pk: item.pk }),
              NewImage: marshall(item, { removeUndefinedValues: true }),
              SequenceNumber: '1',
            },
          },
        ],
      },
      lambdaContext('mailDirectoryDecisions'),
    );
});

afterAll(async () => {
  const ids = await editorClient().fetch<string[]>(
    '*[_id in $ids || _id in $drafts || (_type == "directoryDecision" && entry._ref in $ids)]._id',
    { ids: documentIds, drafts: documentIds.map((id) => `drafts.${id}`) },
    { perspective: 'raw' },
  );
  const cleanup = editorClient().transaction();
  for (const id of ids) cleanup.delete(id);
  await cleanup.commit();
});

describe('directory moderation: « Publier »', () => {
  it('publishes the entry and tells the member once, with the link to their entry', async () => {
    const { email, token, draft } = await confirmedEntry('annuaire-publiee');
    const requestId = await decide(email, (context) =>
      moderatedPublication(directoryModeration, draft, context),
    );
    const emails = await waitForEmails((all) => decisionMails(all, email).length > 0);
    const [notice] = decisionMails(emails, email);
    expect(notice?.subject).toBe('Votre fiche est publiée dans l’annuaire');
    expect(notice?.body.text).toContain(`« ${organization} »`);
    expect(tokenOfLink(notice, 'annuaire-fiche')).toBe(token);
    expect(await editorClient().getDocument(documentIdOf(email))).toMatchObject({
      moderation: { state: 'published', publishedAt: expect.any(String), entryVersion: 1 },
    });
    expect(await editorClient().getDocument(`drafts.${documentIdOf(email)}`)).toBeUndefined();
    await until(async () => {
      const answer = (await (await linkRequest(token)).json()) as { published?: boolean };
      return answer.published === true;
    }, 'the entry published, as its member sees it');

    // The webhook of the request delivered again (a fresh signature, another delivery key).
    const change = await recordedChange(requestId);
    const body = JSON.stringify({
      documentId: requestId,
      type: 'directoryDecision',
      revision: change.revision,
      operation: 'create',
      updatedAt: change.updatedAt,
      before: null,
      after: null,
    });
    const replay = await fetch(`${apiUrl()}/webhooks/sanity`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), localWebhookSecret),
        'idempotency-key': `replay-${requestId}`,
      },
      body,
    });
    expect(replay.status).toBe(202);
    // The stream record retried, and the same decision again (an edit published in its turn).
    await runWorker(change);
    const { _rev: _revision, ...published } = (await editorClient().getDocument(
      documentIdOf(email),
    )) as ModeratedDraft;
    const edit = { ...published, _id: `drafts.${documentIdOf(email)}`, role: 'Gérante' };
    await editorClient().createOrReplace(edit);
    await decide(email, (context) => moderatedPublication(directoryModeration, edit, context));
    expect(decisionMails(await settledEmails(), email)).toHaveLength(1);
  });
});

describe('directory moderation: « Refuser »', () => {
  it('keeps the entry a draft and tells the member once, with the reason; a forged request tells nobody', async () => {
    const { email, draft } = await confirmedEntry('annuaire-refusee');
    const reason = directoryRefusalReasons[0];
    const requestId = await decide(email, (context) =>
      moderatedRefusal(directoryModeration, draft, reason, context),
    );
    const emails = await waitForEmails((all) => decisionMails(all, email).length > 0);
    const [notice] = decisionMails(emails, email);
    expect(notice?.subject).toBe('Votre fiche de l’annuaire n’a pas été publiée');
    expect(notice?.body.text).toContain(reason);
    const link = tokenOfLink(notice, 'annuaire-fiche');
    expect(await editorClient().getDocument(`drafts.${documentIdOf(email)}`)).toMatchObject({
      moderation: { state: 'refused', refusalReason: reason },
    });
    expect(await editorClient().getDocument(documentIdOf(email))).toBeUndefined();

    // Retried, and refused again for the same reason: nothing more.
    await runWorker(await recordedChange(requestId));
    await decide(email, (context) => moderatedRefusal(directoryModeration, draft, reason, context));
    // A request whose entry does not bear its decision (a forged « published ») tells nobody.
    await editorClient().create({
      _id: newDecisionRequestId(directoryModeration),
      _type: 'directoryDecision',
      entry: { _type: 'reference', _ref: documentIdOf(email), _weak: true },
      decision: 'published',
    });
    expect(decisionMails(await settledEmails(), email)).toHaveLength(1);

    // The refusal's link deletes the entry: its documents and the decision requests go with it.
    expect((await linkRequest(link, 'DELETE')).status).toBe(200);
    await until(
      async () =>
        (await editorClient().fetch<number>(
          'count(*[_id in [$id, $draft] || (_type == "directoryDecision" && entry._ref == $id)])',
          { id: documentIdOf(email), draft: `drafts.${documentIdOf(email)}` },
          { perspective: 'raw' },
        )) === 0,
      'the entry’s documents and decision requests deleted',
    );
  });
});

describe('a member who lost their link', () => {
  it('asks again and receives a fresh link that works, the older one void; an unknown address gets the same answer', async () => {
    const { email, token } = await confirmedEntry('annuaire-lien-perdu');
    const again = await askForEntry(entryRequest(email, `${organization} bis`));
    expect(again.status).toBe(202);
    const unknown = await askForEntry(entryRequest(uniqueEmail('annuaire-inconnue'), organization));
    expect(unknown.status).toBe(202);
    expect(await again.json()).toEqual(await unknown.json());

    const emails = await waitForEmails((all) =>
      mailTo(all, email).some((mail) => mail.subject === 'Le lien de votre fiche de l’annuaire'),
    );
    const fresh = tokenOfLink(
      mailTo(emails, email).find((mail) => mail.subject === 'Le lien de votre fiche de l’annuaire'),
      'annuaire-fiche',
    );
    expect(fresh).not.toBe(token);
    const entry = (await (await linkRequest(fresh)).json()) as Record<string, unknown>;
    expect(entry).toMatchObject({ status: 'confirmed', email });
    // The entry is unchanged by the request: the fresh link edits it.
    expect(JSON.stringify(entry)).not.toContain(`${organization} bis`);
    expect((await linkRequest(token)).status).toBe(404);
    // One mail for the fresh link, whatever else happens.
    expect(
      mailTo(await settledEmails(), email).filter((mail) => mail.subject.startsWith('Le lien')),
    ).toHaveLength(1);
  });
});
