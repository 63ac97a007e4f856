import { describe, expect, it } from 'vitest';
import type { ContactMessage } from '../../functions/contact/contactMessage.ts';
import type { ContactMessageStore } from '../../functions/contact/contactMessageStore.ts';
import { submitContactMessage } from '../../functions/contact/recordContactMessage.ts';
import { contactConfigFromEnv } from '../../functions/contact/topics.ts';
import { fixedClock } from '../../functions/shared/clock.ts';

/** Records what the domain asks of its store port (the DynamoDB adapter is tested against DynamoDB Local). */
function recordingStore(answer: { id?: string; duplicate: boolean }) {
  const calls: { message: ContactMessage; fingerprint: string; duplicateUntil: Date; now: Date }[] = [];
  const store: ContactMessageStore = {
    recordUnlessDuplicate: async (message, fingerprint, duplicateUntil, now) => {
      calls.push({ message, fingerprint, duplicateUntil, now });
      return { id: answer.id ?? message.id, duplicate: answer.duplicate };
    },
    markEmailSent: async () => undefined,
  };
  return { store, calls };
}

const input = {
  name: 'Lou',
  email: 'lou@exemple.fr',
  topic: 'information',
  message: 'Bonjour',
  consent: true as const,
  website: '',
};
const deps = (store: ContactMessageStore) => ({
  store,
  config: contactConfigFromEnv({}),
  clock: fixedClock('2027-11-05T10:00:00Z'),
  newId: () => 'new-id',
  addressHashKey: 'cle',
});

describe('submitContactMessage', () => {
  it('records a new message with a ten-minute duplicate window', async () => {
    const { store, calls } = recordingStore({ duplicate: false });
    expect(await submitContactMessage(input, deps(store))).toEqual({ id: 'new-id', outcome: 'stored' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.duplicateUntil.toISOString()).toBe('2027-11-05T10:10:00.000Z');
    expect(calls[0]?.message.receivedAt).toBe('2027-11-05T10:00:00.000Z');
  });

  it('answers the earlier id for a duplicate', async () => {
    const { store } = recordingStore({ id: 'earlier', duplicate: true });
    expect(await submitContactMessage(input, deps(store))).toEqual({ id: 'earlier', outcome: 'duplicate' });
  });

  it('keeps nothing when the honeypot is filled', async () => {
    const { store, calls } = recordingStore({ duplicate: false });
    const outcome = await submitContactMessage({ ...input, website: 'http://spam' }, deps(store));
    expect(outcome).toEqual({ id: 'new-id', outcome: 'discarded' });
    expect(calls).toHaveLength(0);
  });
});
