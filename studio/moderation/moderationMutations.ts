/**
 * The mutations of a moderator's « Publier » and « Refuser », committed as one transaction by the
 * Studio's document actions (and by the tests, which so commit exactly what the Studio does): the
 * decision on the document and the request that tells the backend of it (`moderationDecision` for
 * a submitted event, `directoryDecision` for a member's entry). The backend, told by the signed
 * webhook of the request, reads the document back and finds it bearing the decision: never a
 * request without its decision, nor a decision without its request.
 */
type Moderation = { state?: string; publishedAt?: string; refusalReason?: string } & Record<string, unknown>;
export type EventDraft = { _id: string; _type: string; _rev?: string; _updatedAt?: string } & {
  moderation?: Moderation;
} & Record<string, unknown>;
/** Any moderated draft: a submitted event, a member's entry. */
export type ModeratedDraft = EventDraft;

export type RawMutation =
  | { create: Record<string, unknown> & { _id: string; _type: string } }
  | { createOrReplace: Record<string, unknown> & { _id: string; _type: string } }
  | { delete: { id: string } }
  | { patch: { id: string; set: Record<string, unknown>; unset?: string[] } };

/** What is moderated: the request's type and the field that refers to the document. */
export interface ModerationKind {
  readonly requestType: 'moderationDecision' | 'directoryDecision';
  readonly referenceField: 'event' | 'entry';
}
export const eventModeration: ModerationKind = { requestType: 'moderationDecision', referenceField: 'event' };
export const directoryModeration: ModerationKind = {
  requestType: 'directoryDecision',
  referenceField: 'entry',
};

export interface DocumentDecisionContext {
  /** The document's published id (no `drafts.`). */
  readonly documentId: string;
  readonly requestId: string;
  readonly decidedBy: string;
  readonly now: string;
}

/** A submitted event's decision (`eventId`: its published id). */
export type DecisionContext = Omit<DocumentDecisionContext, 'documentId'> & { readonly eventId: string };

const request = (
  kind: ModerationKind,
  context: DocumentDecisionContext,
  decision: 'published' | 'refused',
  reason?: string,
): RawMutation => ({
  create: {
    _id: context.requestId,
    _type: kind.requestType,
    [kind.referenceField]: { _type: 'reference', _ref: context.documentId, _weak: true },
    decision,
    ...(reason ? { reason } : {}),
    decidedBy: context.decidedBy,
    decidedAt: context.now,
  },
});

/**
 * « Publier »: the draft becomes the published document in « Publié », with `publishedAt` kept
 * from a first publication (the printed programme counts an event from then), and the draft goes.
 */
export function moderatedPublication(
  kind: ModerationKind,
  draft: ModeratedDraft,
  context: DocumentDecisionContext,
): RawMutation[] {
  const { _rev: _revision, _updatedAt: _updated, moderation = {}, ...content } = draft;
  const { refusalReason: _reason, ...kept } = moderation;
  return [
    {
      createOrReplace: {
        ...content,
        _id: context.documentId,
        moderation: { ...kept, state: 'published', publishedAt: moderation.publishedAt ?? context.now },
      },
    },
    { delete: { id: draft._id } },
    request(kind, context, 'published'),
  ];
}

/** « Refuser »: the draft stays a draft, in « Refusé » with its reason. */
export function moderatedRefusal(
  kind: ModerationKind,
  draft: ModeratedDraft,
  reason: string,
  context: DocumentDecisionContext,
): RawMutation[] {
  return [
    { patch: { id: draft._id, set: { 'moderation.state': 'refused', 'moderation.refusalReason': reason } } },
    request(kind, context, 'refused', reason),
  ];
}

const ofEvent = ({ eventId, ...context }: DecisionContext): DocumentDecisionContext => ({
  ...context,
  documentId: eventId,
});

/** A submitted event's « Publier ». */
export const publicationMutations = (draft: EventDraft, context: DecisionContext): RawMutation[] =>
  moderatedPublication(eventModeration, draft, ofEvent(context));

/** A submitted event's « Refuser ». */
export const refusalMutations = (
  draft: EventDraft,
  reason: string,
  context: DecisionContext,
): RawMutation[] => moderatedRefusal(eventModeration, draft, reason, ofEvent(context));

export const newDecisionRequestId = (kind: ModerationKind = eventModeration): string =>
  `${kind.requestType}-${crypto.randomUUID()}`;
