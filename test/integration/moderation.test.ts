import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalReasons } from '../../functions/submissions/submissionVocabulary.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName, localWebhookSecret } from '../../infra/local/localEnvironment.ts';
import {
  type DecisionContext,
  type EventDraft,
  newDecisionRequestId,
  publicationMutations,
  type RawMutation,
  refusalMutations,
} from '../../studio/moderation/moderationMutations.ts';
import { atTime } from './abuseSupport.ts';
import { draftOf, submission, submit, until } from './submissionSupport.ts';
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
 * Chambers moderate submitted events (the Studio's « Publier » and « Refuser », committed here as
 * the Studio commits them: `studio/moderation/moderationMutations.ts`), and the organiser is told
 * of each decision once, through the signed content webhook of the decision's request, whatever
 * the replays, retries and repeated decisions. The stack's clock is 2027-10-20T08:00Z.
 */

const campaign = {
  _id: 'campaign-moderation-test',
  _type: 'campaign',
  title: 'Mois de l’ESS (essai de la modération)',
  slug: { _type: 'slug', current: 'essai-moderation' },
  startsOn: '2027-11-01',
  endsOn: '2027-11-30',
  submissionsOpenAt: '2027-10-01T08:00:00Z',
  submissionsCloseAt: '2027-10-31',
  printedProgrammeDeadline: '2027-09-12',
};

const slugOfCampaign = campaign.slug.current;
const eventIds: string[] = [];

/** A submitted event with one date, written as a draft « À modérer »; its organiser's address. */
async function submittedEvent(label: string) {
  const email = uniqueEmail(label);
  const title = `Atelier ${label} ${Date.now()}`;
  const response = await submit(
    {
      ...submission(email, title),
      occurrences: [{ startsAt: '2027-11-09T18:00', endsAt: '2027-11-09T20:00' }],
    },
    slugOfCampaign,
  );
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  const eventId = `submission-${id}`;
  eventIds.push(eventId);
  const draft = (await draftOf(eventId, 1)) as unknown as EventDraft & { slug: { current: string } };
  await waitForEmails((emails) => mailTo(emails, email).length === 1);
  return { email, title, eventId, draft };
}

/** What the Studio's action commits: the decision and its request, in one transaction. */
async function decide(eventId: string, mutations: (context: DecisionContext) => RawMutation[]) {
  const context = { eventId, requestId: newDecisionRequestId(), decidedBy: 'Chambre (essai)', now: '' };
  const now = new Date().toISOString();
  await editorClient().mutate(mutations({ ...context, now }) as never, { visibility: 'sync' });
  return context.requestId;
}

const decisionMails = (emails: DeliveredEmail[], email: string) =>
  mailTo(emails, email).filter((mail) => !mail.subject.startsWith('Proposition reçue'));

const programmeSlugs = async () => {
  const response = await fetch(`${apiUrl()}/events?campaign=${slugOfCampaign}&limit=100`);
  return ((await response.json()) as { items: { slug: string }[] }).items.map((item) => item.slug);
};

/** The change the content webhook recorded for a request (its create), as the stream hands it over. */
async function recordedChange(requestId: string) {
  const { _rev } = (await editorClient().getDocument(requestId)) as { _rev: string };
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: localTableName('contentChanges'),
      Key: { pk: `CHANGE#${requestId}#${_rev}` },
      ConsistentRead: true,
    }),
  );
  expect(Item).toMatchObject({ type: 'moderationDecision', operation: 'create' });
  return Item as Record<string, unknown> & { updatedAt: string; revision: string };
}

let runWorker: (item: Record<string, unknown>) => Promise<unknown>;

beforeAll(async () => {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/submissions/mailModerationDecisions.ts')) as unknown as {
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
      lambdaContext('mailModerationDecisions'),
    );
  await editorClient().createOrReplace(campaign);
  await until(
    async () => (await submit({}, slugOfCampaign)).status === 400,
    'the functions see the campaign',
  );
});

afterAll(async () => {
  const ids = await editorClient().fetch<string[]>(
    '*[_id in $ids || _id in $drafts || (_type == "moderationDecision" && event._ref in $ids)]._id',
    { ids: eventIds, drafts: eventIds.map((id) => `drafts.${id}`) },
    { perspective: 'raw' },
  );
  const cleanup = editorClient().transaction();
  for (const id of ids) cleanup.delete(id);
  cleanup.delete(campaign._id);
  await cleanup.commit();
});

describe('moderation: « Publier »', () => {
  it('publishes the event into the programme and tells the organiser once, with the link to its page', async () => {
    const { email, title, eventId, draft } = await submittedEvent('publiee');
    expect(await programmeSlugs()).not.toContain(draft.slug.current);

    const requestId = await decide(eventId, (context) => publicationMutations(draft, context));
    const emails = await waitForEmails((all) => decisionMails(all, email).length > 0);
    const [notice] = decisionMails(emails, email);
    expect(notice?.subject).toBe(`Manifestation publiée — ${title}`);
    expect(notice?.body.text).toContain(`a publié la manifestation « ${title} »`);
    expect(notice?.body.text).toContain(`slug=${draft.slug.current}`);

    // Published: online, in « Publié » with its publication time; the draft is gone.
    const online = await editorClient().getDocument(eventId);
    expect(online).toMatchObject({
      title,
      moderation: { state: 'published', publishedAt: expect.any(String) },
    });
    expect(await editorClient().getDocument(`drafts.${eventId}`)).toBeUndefined();
    await until(
      async () => (await programmeSlugs()).includes(draft.slug.current),
      'the event in GET /events',
    );
    expect((await fetch(`${apiUrl()}/events/${draft.slug.current}`)).status).toBe(200);

    // The webhook of the request delivered again (a fresh signature, another delivery key).
    const change = await recordedChange(requestId);
    const body = JSON.stringify({
      documentId: requestId,
      type: 'moderationDecision',
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
    // The stream record retried (the worker called again with the very record).
    await runWorker(change);
    // And the same decision again: an edit of the event published in its turn.
    const { _rev: _revision, ...published } = online as EventDraft;
    const edit = { ...published, _id: `drafts.${eventId}`, summary: 'Résumé revu par la chambre.' };
    await editorClient().createOrReplace(edit);
    await decide(eventId, (context) => publicationMutations(edit, context));
    // Published again, it keeps its first publication time (the printed programme's).
    expect(await editorClient().getDocument(eventId)).toMatchObject({
      summary: edit.summary,
      moderation: { publishedAt: (online as EventDraft).moderation?.publishedAt },
    });

    expect(decisionMails(await settledEmails(), email)).toHaveLength(1);
  });
});

describe('moderation: « Refuser »', () => {
  it('keeps the event a draft, never in the programme, and tells the organiser once, with the reason', async () => {
    const { email, title, eventId, draft } = await submittedEvent('refusee');
    const reason = refusalReasons[1];
    const requestId = await decide(eventId, (context) => refusalMutations(draft, reason, context));

    const emails = await waitForEmails((all) => decisionMails(all, email).length > 0);
    const [notice] = decisionMails(emails, email);
    expect(notice?.subject).toBe(`Proposition non retenue — ${title}`);
    expect(notice?.body.text).toContain(reason);

    const kept = await editorClient().getDocument(`drafts.${eventId}`);
    expect(kept).toMatchObject({ moderation: { state: 'refused', refusalReason: reason } });
    expect(await editorClient().getDocument(eventId)).toBeUndefined();
    expect((await fetch(`${apiUrl()}/events/${draft.slug.current}`)).status).toBe(404);
    expect(await programmeSlugs()).not.toContain(draft.slug.current);

    // Retried, and refused again for the same reason: nothing more.
    await runWorker(await recordedChange(requestId));
    await decide(eventId, (context) => refusalMutations(draft, reason, context));
    expect(decisionMails(await settledEmails(), email)).toHaveLength(1);

    // A request whose event does not bear its decision (a forged « published ») tells nobody.
    await editorClient().create({
      _id: newDecisionRequestId(),
      _type: 'moderationDecision',
      event: { _type: 'reference', _ref: eventId, _weak: true },
      decision: 'published',
    });
    expect(decisionMails(await settledEmails(), email)).toHaveLength(1);
  });
});

describe('the chamber’s daily summary', () => {
  const corse = 'region-94';
  /** The demo's chamber of Corsica (`cress.email`). */
  const chamber = 'programme@cress-corse.example';

  beforeAll(async () => {
    expect(await editorClient().fetch('*[_id == $corse][0].cress.email', { corse })).toBe(chamber);
    await editorClient().patch(corse).set({ 'cress.submissionNotices': 'daily' }).commit();
    // The functions read the region through the published perspective: wait until they see the choice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  afterAll(async () => {
    await editorClient().patch(corse).unset(['cress.submissionNotices']).commit();
  });

  it('mails a chamber that chose it no mail per submission, then one summary a day, whatever the firings', async () => {
    const email = uniqueEmail('resume');
    const title = `Ciné-débat à Ajaccio ${Date.now()}`;
    const response = await submit(
      {
        ...submission(email, title),
        postalCode: '20000',
        communeCode: '2A004',
        occurrences: [{ startsAt: '2027-11-16T19:00', endsAt: '2027-11-16T22:00' }],
      },
      slugOfCampaign,
    );
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    eventIds.push(`submission-${id}`);
    await draftOf(`submission-${id}`, 1);
    // The organiser is acknowledged; the chamber gets no mail of its own.
    const received = await waitForEmails((all) => mailTo(all, email).length === 1);
    const chamberMailsBefore = mailTo(received, chamber).length;

    const { handler } = (await import(
      '../../functions/submissions/mailDailySubmissionSummaries.ts'
    )) as unknown as {
      handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
    };
    const fire = () => handler({}, lambdaContext('mailDailySubmissionSummaries'));
    // The stack's day (20 October, Paris) is summarised the next morning, and only once.
    await atTime('2027-10-20T20:00:00.000Z', fire);
    expect(mailTo(await settledEmails(), chamber)).toHaveLength(chamberMailsBefore);
    await atTime('2027-10-21T05:00:00.000Z', fire);
    await atTime('2027-10-21T06:00:00.000Z', fire);
    await atTime('2027-10-21T21:00:00.000Z', fire);
    const summaries = mailTo(await settledEmails(), chamber).slice(chamberMailsBefore);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.subject).toBe('[À modérer] une proposition du 20 octobre 2027 — Corse');
    expect(summaries[0]?.body.text).toContain(title);
    expect(summaries[0]?.body.text).toContain(`/intent/edit/id=submission-${id};type=event`);
    // The day after holds nothing: no mail.
    await atTime('2027-10-22T06:00:00.000Z', fire);
    expect(mailTo(await settledEmails(), chamber).slice(chamberMailsBefore)).toHaveLength(1);
  });
});
