/**
 * The mutations of a moderator's « Publier » and « Refuser », committed as one transaction by the
 * Studio's document actions (and by the tests, which so commit exactly what the Studio does): the
 * decision on the event and the `moderationDecision` request that tells the backend of it. The
 * backend, told by the signed webhook of the request, reads the event back and finds it bearing
 * the decision: never a request without its decision, nor a decision without its request.
 */
type Moderation = { state?: string; publishedAt?: string; refusalReason?: string } & Record<string, unknown>;
export type EventDraft = { _id: string; _type: string; _rev?: string; _updatedAt?: string } & {
  moderation?: Moderation;
} & Record<string, unknown>;

export type RawMutation =
  | { create: Record<string, unknown> & { _id: string; _type: string } }
  | { createOrReplace: Record<string, unknown> & { _id: string; _type: string } }
  | { delete: { id: string } }
  | { patch: { id: string; set: Record<string, unknown>; unset?: string[] } };

export interface DecisionContext {
  /** The event's published id (no `drafts.`). */
  readonly eventId: string;
  readonly requestId: string;
  readonly decidedBy: string;
  readonly now: string;
}

const request = (
  context: DecisionContext,
  decision: 'published' | 'refused',
  reason?: string,
): RawMutation => ({
  create: {
    _id: context.requestId,
    _type: 'moderationDecision',
    event: { _type: 'reference', _ref: context.eventId, _weak: true },
    decision,
    ...(reason ? { reason } : {}),
    decidedBy: context.decidedBy,
    decidedAt: context.now,
  },
});

/**
 * « Publier »: the draft becomes the published event in « Publié », with `publishedAt` kept from
 * a first publication (the printed programme counts the event from then), and the draft goes.
 */
export function publicationMutations(draft: EventDraft, context: DecisionContext): RawMutation[] {
  const { _rev: _revision, _updatedAt: _updated, moderation = {}, ...content } = draft;
  const { refusalReason: _reason, ...kept } = moderation;
  return [
    {
      createOrReplace: {
        ...content,
        _id: context.eventId,
        moderation: { ...kept, state: 'published', publishedAt: moderation.publishedAt ?? context.now },
      },
    },
    { delete: { id: draft._id } },
    request(context, 'published'),
  ];
}

/** « Refuser »: the draft stays a draft, in « Refusé » with its reason. */
export function refusalMutations(draft: EventDraft, reason: string, context: DecisionContext): RawMutation[] {
  return [
    { patch: { id: draft._id, set: { 'moderation.state': 'refused', 'moderation.refusalReason': reason } } },
    request(context, 'refused', reason),
  ];
}

export const newDecisionRequestId = (): string => `moderationDecision-${crypto.randomUUID()}`;
