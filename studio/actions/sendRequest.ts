import { useState } from 'react';
import { useClient, useCurrentUser } from 'sanity';

/** What an editor may ask of a send (`newsletterSendRequest.action`). */
export type SendAction = 'test' | 'send' | 'schedule' | 'pause' | 'resume' | 'resendUncertain' | 'count';

/** What a request is about: a newsletter (a weak reference) or a digest's send, by its id. */
export type SendRequestTarget = { readonly newsletterId: string } | { readonly digestSend: string };

export type SendRequestState = 'idle' | 'sending' | 'sent' | 'refused';

/**
 * Publishes a send request: the editor's own permissions decide (publishing takes the Editor
 * role), the newsletter and its draft stay untouched, and the backend learns of it through the
 * signed content webhook. `state` says how the last request went; `request` answers its id.
 */
export function useSendRequest(target: SendRequestTarget) {
  const client = useClient({ apiVersion: '2025-02-19' });
  const user = useCurrentUser();
  const [state, setState] = useState<SendRequestState>('idle');
  const request = async (action: SendAction, extra: { sendAt?: string } = {}) => {
    setState('sending');
    const id = `newsletterSendRequest-${crypto.randomUUID()}`;
    const about: Record<string, unknown> =
      'newsletterId' in target
        ? { newsletter: { _type: 'reference', _ref: target.newsletterId, _weak: true } }
        : { digestSend: target.digestSend };
    try {
      await client.create({
        _id: id,
        _type: 'newsletterSendRequest',
        ...about,
        action,
        // Who asked (a name, never an address): the log and a pause's reason show it.
        requestedBy: user?.name || user?.id || 'inconnu',
        requestedAt: new Date().toISOString(),
        ...extra,
      });
      setState('sent');
    } catch {
      setState('refused');
    }
    return id;
  };
  return { state, request };
}
