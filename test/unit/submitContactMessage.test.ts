import { describe, expect, it } from 'vitest';
import type { ContactMessage } from '../../functions/contact/contactMessage.ts';
import type { ContactMessageStore } from '../../functions/contact/contactMessageStore.ts';
import { submitContactMessage } from '../../functions/contact/recordContactMessage.ts';
import { contactConfigFromEnv } from '../../functions/contact/topics.ts';
import { fixedClock } from '../../functions/shared/clock.ts';
import type { Allowance } from '../../functions/shared/rateLimits.ts';

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
const resetsAt = new Date('2027-11-05T11:00:00Z');
const client: Allowance = { key: 'CLIENT#contact#c#0', limit: 2, resetsAt, of: 'client' };
const daily: Allowance = { key: 'DAILY#ack#m#0', limit: 1, resetsAt, of: 'mailbox' };
const mailbox: Allowance = { key: 'MAILBOX#m#0', limit: 5, resetsAt, of: 'mailbox' };

/** Allowances as the rate-limit table keeps them: counts per key, all or none taken. */
function countingAllowances(used: Record<string, number> = {}) {
  const takes: string[][] = [];
  const take = async (allowances: readonly Allowance[]) => {
    takes.push(allowances.map((allowance) => allowance.key));
    const usedUp = allowances.find((allowance) => (used[allowance.key] ?? 0) >= allowance.limit);
    if (usedUp) return usedUp;
    for (const allowance of allowances) used[allowance.key] = (used[allowance.key] ?? 0) + 1;
    return null;
  };
  return { take, takes, used };
}

const deps = (store: ContactMessageStore, allowances = countingAllowances()) => ({
  store,
  config: contactConfigFromEnv({}),
  clock: fixedClock('2027-11-05T10:00:00Z'),
  newId: () => 'new-id',
  addressHashKey: 'cle',
  allowances: { client, acknowledgement: [daily, mailbox] },
  take: allowances.take,
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

  it('acknowledges a mailbox once a day, still records the message, and refuses a client past its allowance', async () => {
    const allowances = countingAllowances();
    const { store, calls } = recordingStore({ duplicate: false });
    await submitContactMessage(input, deps(store, allowances));
    await submitContactMessage(input, deps(store, allowances));
    expect(calls.map((call) => call.message.acknowledge)).toEqual([true, false]);
    // The second one: all three refused on the day's acknowledgement, then the client's alone.
    expect(allowances.takes).toEqual([
      [client.key, daily.key, mailbox.key],
      [client.key, daily.key, mailbox.key],
      [client.key],
    ]);
    expect(allowances.used).toEqual({ [client.key]: 2, [daily.key]: 1, [mailbox.key]: 1 });
    const third = await submitContactMessage(input, deps(store, allowances));
    expect(third).toEqual({ outcome: 'limited', usedUp: client });
    expect(calls).toHaveLength(2);
  });

  it('does not acknowledge a mailbox that had its share of form mails', async () => {
    const { store, calls } = recordingStore({ duplicate: false });
    await submitContactMessage(input, deps(store, countingAllowances({ [mailbox.key]: 5 })));
    expect(calls[0]?.message.acknowledge).toBe(false);
  });

  it('keeps nothing when the honeypot is filled', async () => {
    const { store, calls } = recordingStore({ duplicate: false });
    const outcome = await submitContactMessage({ ...input, website: 'http://spam' }, deps(store));
    expect(outcome).toEqual({ id: 'new-id', outcome: 'discarded' });
    expect(calls).toHaveLength(0);
  });
});
