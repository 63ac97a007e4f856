import { useEffect, useState } from 'react';
import { type DocumentActionComponent, type DocumentActionProps, useClient } from 'sanity';
import { followDocuments } from '../followDocuments.ts';
import { sendingStateTitles, useSendingProgress } from './sendingProgress.ts';
import { useSendRequest } from './sendRequest.ts';

const number = new Intl.NumberFormat('fr-FR');

/** Requests about this newsletter (`props.id`, its published id, weakly referenced). */
const useNewsletterRequest = (props: DocumentActionProps) => useSendRequest({ newsletterId: props.id });

const refusedMessage = 'Demande refusée : il faut le rôle Éditeur du projet pour envoyer une lettre.';

/** A newsletter never published cannot be sent: what goes out is the published version. */
const notPublished = (props: DocumentActionProps) =>
  props.published ? undefined : 'Publiez d’abord la lettre : c’est la version publiée qui est envoyée.';
const draftNote = (props: DocumentActionProps) =>
  props.draft ? ' Des modifications ne sont pas publiées : c’est la version publiée qui part.' : '';

export const sendTestAction: DocumentActionComponent = (props) => {
  const { state, request } = useNewsletterRequest(props);
  return {
    label: state === 'sent' ? 'Test demandé' : 'Envoyer un test',
    title: notPublished(props) ?? 'Aux abonnés des listes de test, avec un bandeau « Envoi de test ».',
    disabled: Boolean(notPublished(props)) || state === 'sending',
    onHandle: () => void request('test'),
    ...(state === 'refused'
      ? { dialog: { type: 'popover' as const, content: refusedMessage, onClose: props.onComplete } }
      : {}),
  };
};

export const sendAction: DocumentActionComponent = (props) => {
  const progress = useSendingProgress(props.id);
  const estimate = useAudienceEstimate(props);
  const { state, request } = useNewsletterRequest(props);
  // The exact count is asked of the backend when the dialog opens (a request of its own).
  const counting = useNewsletterRequest(props);
  const [confirming, setConfirming] = useState(false);
  const [countRequest, setCountRequest] = useState<string | null>(null);
  const exact = useExactAudience(props, confirming ? countRequest : null);
  const counts =
    exact === null
      ? `${estimate} (décompte exact en cours…)`
      : `à ${number.format(exact)} abonné${exact > 1 ? 's' : ''} confirmé${exact > 1 ? 's' : ''} (décompte exact)`;
  const already = progress ? `Diffusion ${sendingStateTitles[progress.state]}` : undefined;
  return {
    label: already ?? 'Envoyer',
    tone: 'critical',
    title: notPublished(props) ?? already ?? 'Envoyer la lettre à son public, une seule fois.',
    disabled: Boolean(notPublished(props) || progress || state === 'sending' || state === 'sent'),
    onHandle: () => {
      setConfirming(true);
      void counting.request('count').then(setCountRequest);
    },
    dialog: confirming
      ? {
          type: 'confirm',
          tone: 'critical',
          message: `Envoyer « ${(props.published?.subject as string | undefined) ?? 'cette lettre'} » ${counts}.${draftNote(props)} L’envoi ne pourra pas être annulé, seulement suspendu.`,
          onCancel: () => setConfirming(false),
          onConfirm: () => {
            setConfirming(false);
            void request('send');
          },
        }
      : state === 'refused'
        ? { type: 'popover', content: refusedMessage, onClose: props.onComplete }
        : null,
  };
};

export const scheduleAction: DocumentActionComponent = (props) => {
  const progress = useSendingProgress(props.id);
  const { state, request } = useNewsletterRequest(props);
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState('');
  if (progress) return null;
  return {
    label: state === 'sent' ? 'Envoi programmé' : 'Programmer',
    title: notPublished(props) ?? 'Choisir la date et l’heure d’envoi.',
    disabled: Boolean(notPublished(props)) || state === 'sending' || state === 'sent',
    onHandle: () => setOpen(true),
    dialog: open
      ? {
          type: 'dialog',
          header: 'Programmer l’envoi',
          onClose: () => setOpen(false),
          content: (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (!when) return;
                setOpen(false);
                void request('schedule', { sendAt: new Date(when).toISOString() });
              }}
              style={{ display: 'grid', gap: '0.75rem', padding: '0.5rem 0' }}
            >
              <label htmlFor="essaim-send-at">Date et heure d’envoi (heure de votre navigateur)</label>
              <input
                id="essaim-send-at"
                type="datetime-local"
                required
                value={when}
                onChange={(event) => setWhen(event.currentTarget.value)}
              />
              <button type="submit">Programmer</button>
            </form>
          ),
        }
      : null,
  };
};

/** Suspendre, Reprendre, Renvoyer aux incertains: only while they mean something. */
export const controlActions: DocumentActionComponent = (props) => {
  const progress = useSendingProgress(props.id);
  const { state, request } = useNewsletterRequest(props);
  // The state the last request was made in: once the send moves on, its action is offered afresh.
  const [askedIn, setAskedIn] = useState<string | null>(null);
  if (!progress) return null;
  const asked = state === 'sent' && askedIn === progress.state;
  const ask = (action: 'pause' | 'resume' | 'resendUncertain') => {
    setAskedIn(progress.state);
    void request(action);
  };
  if (progress.state === 'planning' || progress.state === 'sending')
    return {
      label: asked ? 'Suspension demandée' : 'Suspendre',
      disabled: state === 'sending',
      onHandle: () => ask('pause'),
    };
  if (progress.state === 'paused')
    return {
      label: asked ? 'Reprise demandée' : 'Reprendre',
      title: progress.pauseReason,
      disabled: state === 'sending',
      onHandle: () => ask('resume'),
    };
  if (progress.state === 'finished' && progress.uncertain > 0)
    return {
      label: `Renvoyer aux ${number.format(progress.uncertain)} destinataires incertains`,
      title:
        'Un envoi interrompu ne dit pas si ces personnes ont reçu la lettre : la renvoyer peut leur en donner deux exemplaires.',
      disabled: state === 'sending' || asked,
      onHandle: () => ask('resendUncertain'),
    };
  return null;
};

/**
 * The audience's size as editors can know it before sending: the confirmed subscribers of its
 * lists (the figures the backend keeps), an upper bound when several lists or regions and themes
 * narrow it; the exact number is in the progress as soon as sending starts.
 */
function useAudienceEstimate(props: DocumentActionProps): string {
  const counts = useSubscriberCounts();
  const audience = props.published?.audience as
    | { lists?: { _ref: string }[]; regions?: unknown[]; themes?: unknown[] }
    | undefined;
  const listIds = (audience?.lists ?? []).map((list) => list._ref);
  if (!counts || listIds.length === 0) return 'à son public';
  const total = counts.lists
    .filter((line) => listIds.includes(line.documentId))
    .reduce((sum, line) => sum + line.confirmed, 0);
  const narrowed =
    listIds.length > 1 || (audience?.regions?.length ?? 0) > 0 || (audience?.themes?.length ?? 0) > 0;
  return `à ${narrowed ? 'au plus ' : ''}${number.format(total)} abonné${total > 1 ? 's' : ''} confirmé${total > 1 ? 's' : ''}`;
}

/**
 * The exact audience the backend counted for the published version in answer to the request
 * `requestId` (`essaim-private.newsletterAudience.<id>`, live), or null while it counts.
 */
function useExactAudience(props: DocumentActionProps, requestId: string | null): number | null {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [count, setCount] = useState<{
    audienceSize: number;
    requestId: string;
    newsletterRevision: string;
  } | null>(null);
  useEffect(() => {
    if (!requestId) return;
    const id = `essaim-private.newsletterAudience.${props.id.replace(/^drafts\./, '')}`;
    return followDocuments(
      client,
      '*[_id == $id]',
      { id },
      () => client.fetch('*[_id == $id][0]', { id }),
      setCount,
    );
  }, [client, props.id, requestId]);
  if (!requestId || !count || count.requestId !== requestId) return null;
  return count.newsletterRevision === props.published?._rev ? count.audienceSize : null;
}

function useSubscriberCounts() {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [counts, setCounts] = useState<{ lists: { documentId: string; confirmed: number }[] } | null>(null);
  useEffect(() => {
    client
      .fetch<{ lists: { documentId: string; confirmed: number }[] } | null>(
        `*[_id == "essaim-private.subscriberCounts"][0]{
          "lists": lists[]{ confirmed, "documentId": *[_type == "subscriptionList" && slug.current == ^.list][0]._id }
        }`,
      )
      .then(setCounts, () => undefined);
  }, [client]);
  return counts;
}

export const newsletterActions = [sendTestAction, sendAction, scheduleAction, controlActions];
