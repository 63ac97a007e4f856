import { createHash } from 'node:crypto';
import type { SanityDocument } from './contentLakeWrites.ts';

/**
 * The moderators' decisions the organiser is told of, « Publier » and « Refuser » (« Marquer
 * prêt » tells nobody). The Studio publishes a small `moderationDecision` request beside the
 * event in the same transaction as the decision itself; the request only says which event to
 * look at, and the event (read back with the robot token, drafts included) must bear the
 * decision: a request whose event says otherwise (published since a refusal, refused since a
 * publication, deleted) is acted on by nobody.
 */
export type ModerationDecision = 'published' | 'refused';

export interface ConfirmedDecision {
  readonly decision: ModerationDecision;
  readonly eventId: string;
  readonly submissionId: string;
  readonly title: string;
  readonly slug: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  /** The refusal's reason as the moderator chose or wrote it; null for a publication. */
  readonly reason: string | null;
}

type ModeratedEvent = SanityDocument & {
  title?: string;
  slug?: { current?: string };
  startsAt?: string;
  endsAt?: string;
  moderation?: { state?: string; submission?: string; refusalReason?: string };
};

const publishedIdOf = (id: string): string => id.replace(/^drafts\./, '');

/**
 * What the event says of the decision: a publication is the published document in « Publié »;
 * a refusal is the draft (or, without one, the published document) in « Refusé » with its reason.
 */
export function confirmDecision(
  decision: string | null | undefined,
  eventId: string,
  documents: ReadonlyMap<string, SanityDocument>,
): ConfirmedDecision | null {
  const id = publishedIdOf(eventId);
  const published = documents.get(id) as ModeratedEvent | undefined;
  const draft = documents.get(`drafts.${id}`) as ModeratedEvent | undefined;
  const event = decision === 'published' ? published : (draft ?? published);
  const moderation = event?.moderation;
  if (!event || !moderation?.submission) return null;
  if (decision === 'published' && moderation.state === 'published') {
    return confirmed('published', id, event, null);
  }
  const reason = moderation.refusalReason?.trim();
  if (decision === 'refused' && moderation.state === 'refused' && reason) {
    return confirmed('refused', id, event, reason);
  }
  return null;
}

const confirmed = (
  decision: ModerationDecision,
  eventId: string,
  event: ModeratedEvent,
  reason: string | null,
): ConfirmedDecision => ({
  decision,
  eventId,
  submissionId: event.moderation?.submission as string,
  title: event.title ?? '',
  slug: event.slug?.current ?? null,
  startsAt: event.startsAt ?? null,
  endsAt: event.endsAt ?? null,
  reason,
});

/**
 * One mail per decision: an event's publication is told once, ever (publishing an edit again
 * tells nothing new); a refusal once per reason (a second refusal with the same reason, after
 * an edit, tells nothing; with another reason, it does). Hashed: the reason may be long.
 */
export function decisionKey(decision: ConfirmedDecision): string {
  if (decision.decision === 'published') return `${decision.eventId}#published`;
  const reason = createHash('sha256')
    .update(decision.reason ?? '')
    .digest('hex')
    .slice(0, 16);
  return `${decision.eventId}#refused#${reason}`;
}
