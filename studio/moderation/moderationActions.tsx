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
import { refusalReasons } from '../../functions/submissions/submissionVocabulary.ts';
import {
  type DecisionContext,
  type EventDraft,
  newDecisionRequestId,
  publicationMutations,
  type RawMutation,
  refusalMutations,
} from './moderationMutations.ts';

type Moderation = { state?: string; publishedAt?: string; refusalReason?: string };

/** The moderation of a submitted event (events editors write themselves have none). */
const moderationOf = (props: DocumentActionProps): Moderation | undefined =>
  ((props.draft ?? props.published) as (SanityDocument & { moderation?: Moderation }) | null)?.moderation;

const refusedMessage =
  'Action refusée : il faut le rôle Éditeur du projet pour publier ou refuser une manifestation.';

/**
 * Commits a decision and its `moderationDecision` request as one transaction
 * (`moderationMutations.ts`); a refusal of the Content Lake (no publish rights) is shown.
 */
function useDecision(props: DocumentActionProps) {
  const client = useClient({ apiVersion: '2025-02-19' });
  const user = useCurrentUser();
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'refused'>('idle');
  const decide = async (mutations: (context: DecisionContext) => RawMutation[]) => {
    setState('sending');
    const context = {
      eventId: props.id,
      requestId: newDecisionRequestId(),
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
 * « Publier » for a submitted event: state « Publié » and `publishedAt` (kept from a first
 * publication: the printed programme counts the event from then), the draft published, the
 * organiser told. Sanity's own publish stays for events without moderation, and lends its
 * checks (validation, nothing to publish, permissions) to this one.
 */
export function moderatedPublishAction(original: DocumentActionComponent): DocumentActionComponent {
  const action: DocumentActionComponent = (props) => {
    const base = original(props);
    const { state, setState, decide } = useDecision(props);
    // Edits still on their way would recreate the draft after the transaction: wait for them.
    const { isSyncing } = useSyncState(props.id, props.type);
    if (!moderationOf(props) || !base) return base;
    const draft = props.draft;
    return {
      ...base,
      label: 'Publier',
      title: base.disabled
        ? base.title
        : 'Publier la manifestation et prévenir la structure qui l’a proposée.',
      disabled: Boolean(base.disabled) || !draft || isSyncing || state === 'sending',
      onHandle: () => {
        if (draft) void decide((context) => publicationMutations(draft as EventDraft, context));
      },
      dialog:
        state === 'refused'
          ? { type: 'popover', content: refusedMessage, onClose: () => setState('idle') }
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

/** « Refuser »: a reason from the list or written; the draft stays a draft, the organiser is told. */
export const refuseAction: DocumentActionComponent = (props) => {
  const { state, setState, decide } = useDecision(props);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<string>(refusalReasons[0]);
  const [written, setWritten] = useState('');
  const moderation = moderationOf(props);
  if (!moderation) return null;
  const draft = props.draft;
  const reason = (choice === otherReason ? written : choice).trim();
  return {
    label: moderation.state === 'refused' && state !== 'sending' ? 'Refusée' : 'Refuser',
    tone: 'critical',
    title: draft
      ? 'Ne pas publier la proposition ; la structure reçoit le motif par e-mail.'
      : 'Rien à refuser : aucune modification n’attend. Pour retirer la version en ligne, dépubliez-la.',
    disabled: !draft || state === 'sending',
    onHandle: () => setOpen(true),
    dialog: open
      ? {
          type: 'dialog',
          header: 'Refuser la proposition',
          onClose: () => setOpen(false),
          content: (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (!draft || !reason) return;
                setOpen(false);
                void decide((context) => refusalMutations(draft as EventDraft, reason, context));
              }}
              style={{ display: 'grid', gap: '0.75rem', padding: '0.5rem 0' }}
            >
              <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: '0.5rem' }}>
                <legend style={{ marginBottom: '0.5rem' }}>
                  Motif envoyé à la structure (elle le reçoit tel quel)
                </legend>
                {[...refusalReasons, otherReason].map((value, index) => (
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
                Refuser et prévenir la structure
              </button>
            </form>
          ),
        }
      : state === 'refused'
        ? { type: 'popover', content: refusedMessage, onClose: () => setState('idle') }
        : null,
  };
};

/** The event's actions: Sanity's publish wrapped for submitted events, then ready and refuse. */
export const eventActions = (actions: DocumentActionComponent[]): DocumentActionComponent[] => [
  ...actions.map((action) => (action.action === 'publish' ? moderatedPublishAction(action) : action)),
  markReadyAction,
  refuseAction,
];
