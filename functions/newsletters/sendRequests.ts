import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { audienceOf, countAudience } from './audienceCount.ts';
import { renderNewsletterMail } from './newsletterMail.ts';
import { type Audience, chunkSize, noCountsYet, realSendId, testSendId } from './newsletterSend.ts';
import type { NewsletterSendStore, StoredSendRecord } from './newsletterSendStore.ts';
import { newsletterForMailQuery } from './queries.ts';
import { publishProgress } from './sendingProgress.ts';
import { sendingListsQuery } from './sendingQueries.ts';

export type SendAction = 'test' | 'send' | 'schedule' | 'pause' | 'resume' | 'resendUncertain' | 'count';

export interface SendRequest {
  readonly id: string;
  readonly newsletterId: string;
  readonly action: string;
  readonly sendAt?: string | undefined;
  readonly requestedBy: string;
  readonly requestedAt: string;
}

/** What became of a request (logged; editors see the send's state). */
export type RequestOutcome =
  | 'started'
  | 'scheduled'
  | 'alreadySent'
  | 'paused'
  | 'resumed'
  | 'resent'
  | 'counted'
  | 'nothingToDo'
  | 'newsletterNotFound'
  | 'sendNotFound'
  | 'noAudience'
  | 'unknownAction';

/**
 * Acts on one send request. Each action is harmless to repeat: a newsletter has one real send
 * (a second "Envoyer" finds it and does nothing), a test send is one per request, pausing a
 * paused send or resuming a running one changes nothing.
 */
export async function actOnSendRequest(
  store: NewsletterSendStore,
  request: SendRequest,
): Promise<RequestOutcome> {
  const now = systemClock.now();
  // A newsletter's send id is its own id: one shaped like a digest's (made through the API) would
  // take that period's digest, or reach it without `actOnDigestRequest`'s checks.
  if (digestSendId.test(request.newsletterId)) return 'newsletterNotFound';
  const sendId = realSendId(request.newsletterId);
  switch (request.action) {
    case 'send':
      return startSend(store, request, 'send', 'planning');
    case 'schedule':
      if (!request.sendAt || Number.isNaN(Date.parse(request.sendAt))) return 'nothingToDo';
      return startSend(
        store,
        request,
        'send',
        Date.parse(request.sendAt) <= now.getTime() ? 'planning' : 'scheduled',
      );
    case 'test':
      return startSend(store, request, 'test', 'planning');
    case 'pause':
    case 'resume':
    case 'resendUncertain':
      return controlSend(store, sendId, request.action, request.requestedBy, now);
    case 'count':
      return countAudience(store, request, now);
    default:
      return 'unknownAction';
  }
}

/** A digest's send id names its period: `digest-weekly-2027-11-08`. */
const digestSendId = /^digest-(weekly|monthly)-\d{4}-\d{2}-\d{2}$/;

/**
 * Acts on a request about a digest's send (« Résumés par e-mail » → « Envois »): only pause,
 * resume and resend to the uncertain, and only on a digest that exists (its start is the
 * schedule's, never an editor's request).
 */
export async function actOnDigestRequest(
  store: NewsletterSendStore,
  request: { readonly digestSend: string; readonly action: string; readonly requestedBy: string },
): Promise<RequestOutcome> {
  if (!digestSendId.test(request.digestSend)) return 'sendNotFound';
  if (request.action !== 'pause' && request.action !== 'resume' && request.action !== 'resendUncertain')
    return 'unknownAction';
  const send = await store.stateWithoutCounts(request.digestSend);
  if (send?.kind !== 'digest') return 'sendNotFound';
  return controlSend(store, request.digestSend, request.action, request.requestedBy, systemClock.now());
}

/** Pause, resume or resend to the uncertain; editors see the new state at once. */
async function controlSend(
  store: NewsletterSendStore,
  sendId: string,
  action: 'pause' | 'resume' | 'resendUncertain',
  requestedBy: string,
  now: Date,
): Promise<RequestOutcome> {
  switch (action) {
    case 'pause': {
      const paused = await store.controls.pause(sendId, `Suspendu par ${requestedBy}`, now);
      if (paused) await publishProgress(store, sendId, now, true);
      return paused ? 'paused' : 'nothingToDo';
    }
    case 'resume': {
      const resumed = await store.controls.resume(sendId, now);
      if (resumed) await publishProgress(store, sendId, now, true);
      return resumed ? 'resumed' : 'nothingToDo';
    }
    case 'resendUncertain': {
      const count = await store.controls.resendUncertain(sendId, now);
      if (count > 0) await publishProgress(store, sendId, now, true);
      return count > 0 ? 'resent' : 'nothingToDo';
    }
  }
}

/**
 * Freezes the newsletter as published now (its mail, rendered once) and the audience's rule,
 * then records the send: planning starts at once (the STATE insert drives the planner), or at
 * `sendAt` for a scheduled one.
 */
async function startSend(
  store: NewsletterSendStore,
  request: SendRequest,
  kind: 'send' | 'test',
  state: 'planning' | 'scheduled',
): Promise<RequestOutcome> {
  const now = systemClock.now();
  const [{ value: newsletter }, { value: lists }, { brand }] = await Promise.all([
    readContent(newsletterForMailQuery, { id: request.newsletterId }, { revalidate: true }),
    readContent(sendingListsQuery, {}),
    currentSiteSettings(),
  ]);
  if (!newsletter) return 'newsletterNotFound';
  const audience: Audience =
    kind === 'test'
      ? {
          lists: lists.filter((list) => list.forTests).map((list) => list.id as string),
          regions: [],
          themes: [],
        }
      : audienceOf(newsletter);
  if (audience.lists.length === 0) return 'noAudience';
  const mail = await renderNewsletterMail(newsletter, { brand, test: kind === 'test', now });
  const sendId =
    kind === 'test' ? testSendId(request.newsletterId, request.id) : realSendId(request.newsletterId);
  const record: StoredSendRecord = {
    sendId,
    newsletterId: request.newsletterId,
    kind,
    state,
    audience,
    ...noCountsYet,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    chunkSize,
    ...(state === 'scheduled' ? { sendAt: request.sendAt } : { startedAt: now.toISOString() }),
  };
  const created = await store.create(record, {
    ...mail,
    newsletterRevision: newsletter._rev,
    fromName: brand.siteName,
    listTitles: Object.fromEntries(lists.map((list) => [list.id, list.title ?? list.id])),
  });
  if (!created) return 'alreadySent';
  if (record.sendAt) await store.controls.schedule(sendId, record.sendAt);
  await publishProgress(store, sendId, now, true);
  return state === 'scheduled' ? 'scheduled' : 'started';
}
