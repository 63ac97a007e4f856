import { useEffect, useState } from 'react';
import { useClient } from 'sanity';
import { followDocuments } from '../followDocuments.ts';

/** What the backend shows editors of a newsletter's send (`functions/newsletters/sendingProgress.ts`). */
export interface SendingProgress {
  /** A newsletter's send or a digest's (« Résumés par e-mail »); absent from older documents. */
  kind?: 'send' | 'digest';
  /** The newsletter's id, or a digest's send id (`digest-weekly-2031-03-03`). */
  newsletterId: string;
  state: 'scheduled' | 'planning' | 'sending' | 'paused' | 'finished';
  audienceSize: number;
  sent: number;
  failed: number;
  suppressed: number;
  unsubscribed: number;
  uncertain: number;
  remaining: number;
  sendAt?: string;
  startedAt?: string;
  finishedAt?: string;
  pauseReason?: string;
  updatedAt: string;
}

export const sendingProgressId = (newsletterId: string) =>
  `essaim-private.newsletterSending.${newsletterId.replace(/^drafts\./, '')}`;

export const sendingStateTitles: Record<SendingProgress['state'], string> = {
  scheduled: 'programmée',
  planning: 'en préparation',
  sending: 'en cours',
  paused: 'suspendue',
  finished: 'terminée',
};

/**
 * The send's progress, live: the document sits on a private path, which only Studio users (with
 * their session) can read; `undefined` while loading, `null` before any send.
 */
export function useSendingProgress(newsletterId: string): SendingProgress | null | undefined {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [progress, setProgress] = useState<SendingProgress | null | undefined>(undefined);
  useEffect(() => {
    const id = sendingProgressId(newsletterId);
    return followDocuments(
      client,
      '*[_id == $id]',
      { id },
      () => client.fetch<SendingProgress | null>('*[_id == $id][0]', { id }),
      setProgress,
      () => setProgress(null),
    );
  }, [client, newsletterId]);
  return progress;
}
