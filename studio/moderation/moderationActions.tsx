import { useState } from 'react';
import {
  type DocumentActionComponent,
  type DocumentActionProps,
  type SanityDocument,
  useClient,
  useCurrentUser,
  useDocumentOperation,
  useSyncState,
} from 'sanity';
import { directoryRefusalReasons } from '../../functions/directory/directoryVocabulary.ts';
import { refusalReasons } from '../../functions/submissions/submissionVocabulary.ts';
import {
  type DocumentDecisionContext,
  directoryModeration,
  eventModeration,
  type ModeratedDraft,
  type ModerationKind,
  moderatedPublication,
  moderatedRefusal,
  newDecisionRequestId,
  type RawMutation,
} from './moderationMutations.ts';

type Moderation = { state?: string; publishedAt?: string; refusalReason?: string };

/** What differs between moderated kinds: the request, the texts, the refusal reasons. */
export interface ModerationTexts {
  readonly kind: ModerationKind;
  /** « Action refusée : … » when the Content Lake refuses the transaction. */
  readonly refused: string;
  readonly publishTitle: string;
  readonly refuseTitle: string;
  readonly refuseHeader: string;
  readonly reasonLegend: string;
  readonly refuseButton: string;
  readonly reasons: readonly string[];
}

export const eventTexts: ModerationTexts = {
  kind: eventModeration,
  refused: 'Action refusée : il faut le rôle Éditeur du projet pour publier ou refuser une manifestation.',
  publishTitle: 'Publier la manifestation et prévenir la structure qui l’a proposée.',
  refuseTitle: 'Ne pas publier la proposition ; la structure reçoit le motif par e-mail.',
  refuseHeader: 'Refuser la proposition',
  reasonLegend: 'Motif envoyé à la structure (elle le reçoit tel quel)',
  refuseButton: 'Refuser et prévenir la structure',
  reasons: refusalReasons,
};

export const directoryTexts: ModerationTexts = {
  kind: directoryModeration,
  refused:
    'Action refusée : il faut le rôle Éditeur du projet pour publier ou refuser une fiche de l’annuaire.',
  publishTitle: 'Publier la fiche dans l’annuaire et prévenir le membre.',
  refuseTitle: 'Ne pas publier la fiche ; le membre reçoit le motif par e-mail.',
  refuseHeader: 'Refuser la fiche',
  reasonLegend: 'Motif envoyé au membre (il le reçoit tel quel)',
  refuseButton: 'Refuser et prévenir le membre',
  reasons: directoryRefusalReasons,
};

/** The moderation of a submitted event or a member's entry (documents editors write themselves have none). */
const moderationOf = (props: DocumentActionProps): Moderation | undefined =>
  ((props.draft ?? props.published) as (SanityDocument & { moderation?: Moderation }) | null)?.moderation;

/**
 * Commits a decision and its request (`moderationDecision`, `directoryDecision`) as one
 * transaction (`moderationMutations.ts`); a refusal of the Content Lake (no publish rights) is shown.
 */
function useDecision(props: DocumentActionProps, kind: ModerationKind) {
  const client = useClient({ apiVersion: '2025-02-19' });
  const user = useCurrentUser();
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'refused'>('idle');
  const decide = async (mutations: (context: DocumentDecisionContext) => RawMutation[]) => {
    setState('sending');
    const context = {
      documentId: props.id,
      requestId: newDecisionRequestId(kind),
      decidedBy: user?.name ?? user?.id ?? 'inconnu',
      now: new Date().toISOString(),
    };
    try {
      await client.mutate(mutations(context) as Parameters<typeof client.mutate>[0], { visibility: 'sync' });
      setState('done');
      props.onComplete();
    } catch {
      setState('refused');
    }
  };
  return { state, setState, decide };
}

/**
 * « Publier » for a moderated document: state « Publié » and `publishedAt` (kept from a first
 * publication: the printed programme counts an event from then), the draft published, its
 * author told. Sanity's own publish stays for documents without moderation, and lends its
 * checks (validation, nothing to publish, permissions) to this one.
 */
export function moderatedPublishAction(
  original: DocumentActionComponent,
  texts: ModerationTexts = eventTexts,
): DocumentActionComponent {
  const action: DocumentActionComponent = (props) => {
    const base = original(props);
    const { state, setState, decide } = useDecision(props, texts.kind);
    // Edits still on their way would recreate the draft after the transaction: wait for them.
    const { isSyncing } = useSyncState(props.id, props.type);
    if (!moderationOf(props) || !base) return base;
    const draft = props.draft;
    return {
      ...base,
      label: 'Publier',
      title: base.disabled ? base.title : texts.publishTitle,
      disabled: Boolean(base.disabled) || !draft || isSyncing || state === 'sending',
      onHandle: () => {
        if (draft)
          void decide((context) => moderatedPublication(texts.kind, draft as ModeratedDraft, context));
      },
      dialog:
        state === 'refused'
          ? { type: 'popover', content: texts.refused, onClose: () => setState('idle') }
          : base.dialog,
    };
  };
  action.action = original.action;
  return action;
}

/** « Marquer prêt »: checked, to publish later (nobody is told). */
export const markReadyAction: DocumentActionComponent = (props) => {
  const { patch } = useDocumentOperation(props.id, props.type);
  const moderation = moderationOf(props);
  if (!moderation || !props.draft || moderation.state === 'ready') return null;
  return {
    label: 'Marquer prêt',
    title: 'Vérifiée, prête à publier : l’état passe à « Prêt ».',
    disabled: Boolean(patch.disabled),
    onHandle: () => {
      patch.execute([{ set: { 'moderation.state': 'ready' } }]);
      props.onComplete();
    },
  };
};

const otherReason = 'autre';

/**
 * The refusal's form, with its own state: Sanity hands an action's dialog to the document pane
 * throttled (60 ms, then a scheduled task), so a field whose value lived in the action's state
 * would be put back to a late value between keys, and lose what is typed.
 */
function RefusalForm({ texts, onRefuse }: { texts: ModerationTexts; onRefuse: (reason: string) => void }) {
  const [choice, setChoice] = useState<string>(texts.reasons[0] ?? otherReason);
  const [written, setWritten] = useState('');
  const reason = (choice === otherReason ? written : choice).trim();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (reason) onRefuse(reason);
      }}
      style={{ display: 'grid', gap: '0.75rem', padding: '0.5rem 0' }}
    >
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: '0.5rem' }}>
        <legend style={{ marginBottom: '0.5rem' }}>{texts.reasonLegend}</legend>
        {[...texts.reasons, otherReason].map((value, index) => (
          <label key={value} style={{ display: 'flex', gap: '0.5rem', alignItems: 'baseline' }}>
            <input
              type="radio"
              name="essaim-refusal-reason"
              id={`essaim-refusal-reason-${index}`}
              value={value}
              checked={choice === value}
              onChange={() => setChoice(value)}
            />
            {value === otherReason ? 'Autre motif, à écrire' : value}
          </label>
        ))}
      </fieldset>
      {choice === otherReason ? (
        <>
          <label htmlFor="essaim-refusal-written">Motif</label>
          <textarea
            id="essaim-refusal-written"
            required
            rows={4}
            maxLength={1000}
            value={written}
            onChange={(event) => setWritten(event.currentTarget.value)}
          />
        </>
      ) : null}
      <button type="submit" disabled={!reason}>
        {texts.refuseButton}
      </button>
    </form>
  );
}

/** « Refuser »: a reason from the list or written; the draft stays a draft, its author is told. */
export const refuseActionOf =
  (texts: ModerationTexts): DocumentActionComponent =>
  (props) => {
    const { state, setState, decide } = useDecision(props, texts.kind);
    const [open, setOpen] = useState(false);
    const moderation = moderationOf(props);
    if (!moderation) return null;
    const draft = props.draft;
    return {
      label: moderation.state === 'refused' && state !== 'sending' ? 'Refusée' : 'Refuser',
      tone: 'critical',
      title: draft
        ? texts.refuseTitle
        : 'Rien à refuser : aucune modification n’attend. Pour retirer la version en ligne, dépubliez-la.',
      disabled: !draft || state === 'sending',
      onHandle: () => setOpen(true),
      dialog: open
        ? {
            type: 'dialog',
            header: texts.refuseHeader,
            onClose: () => setOpen(false),
            content: (
              <RefusalForm
                texts={texts}
                onRefuse={(reason) => {
                  if (!draft) return;
                  setOpen(false);
                  void decide((context) =>
                    moderatedRefusal(texts.kind, draft as ModeratedDraft, reason, context),
                  );
                }}
              />
            ),
          }
        : state === 'refused'
          ? { type: 'popover', content: texts.refused, onClose: () => setState('idle') }
          : null,
    };
  };

export const refuseAction = refuseActionOf(eventTexts);
const refuseEntryAction = refuseActionOf(directoryTexts);

/** The event's actions: Sanity's publish wrapped for submitted events, then ready and refuse. */
export const eventActions = (actions: DocumentActionComponent[]): DocumentActionComponent[] => [
  ...actions.map((action) => (action.action === 'publish' ? moderatedPublishAction(action) : action)),
  markReadyAction,
  refuseAction,
];

/** A directory entry's actions: the same, for the entries members asked for. */
export const directoryEntryActions = (actions: DocumentActionComponent[]): DocumentActionComponent[] => [
  ...actions.map((action) =>
    action.action === 'publish' ? moderatedPublishAction(action, directoryTexts) : action,
  ),
  markReadyAction,
  refuseEntryAction,
];
