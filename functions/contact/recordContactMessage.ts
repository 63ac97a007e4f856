import type { Clock } from '../shared/clock.ts';
import type { Allowance } from '../shared/rateLimits.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { buildContactMessage, type ContactMessageInput, submissionFingerprint } from './contactMessage.ts';
import type { ContactMessageStore } from './contactMessageStore.ts';
import type { ContactConfig } from './topics.ts';

/** The rate limits a message meets (`shared/rateLimits.ts`). */
export interface ContactAllowances {
  /** The client's allowance of messages (`RATE_LIMIT_CONTACT`). */
  readonly client: Allowance;
  /** What an acknowledgement takes: the mailbox's one a day, and one of its form mails. */
  readonly acknowledgement: readonly Allowance[];
}

export interface SubmitContactDependencies {
  readonly store: ContactMessageStore;
  readonly config: ContactConfig;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Key of the keyed hash that fingerprints a submission (the `ADDRESS_HASH_KEY` secret). */
  readonly addressHashKey: string;
  readonly allowances: ContactAllowances;
  /** Takes one unit of each allowance, all or none; answers the first used up (`takeAllowances`). */
  readonly take: (allowances: readonly Allowance[]) => Promise<Allowance | null>;
}

export type SubmitContactOutcome =
  /** `stored` for a new message, `duplicate` for a repeat, `discarded` for a filled honeypot. */
  | { readonly id: string; readonly outcome: 'stored' | 'duplicate' | 'discarded' }
  /** The client sent more than its allowance: nothing was recorded. */
  | { readonly outcome: 'limited'; readonly usedUp: Allowance };

/**
 * Records a contact message. The e-mails follow from the stored fact (stream worker), never
 * from here. A robot that filled the honeypot gets the same answer as a person, and nothing
 * is kept; a repeat within the window gets the first message's id. The message always reaches
 * the team; the visitor's acknowledgement only when the mailbox's allowances have room, which
 * is decided here and kept on the message (one round trip when they do, two when they do not).
 */
export async function submitContactMessage(
  input: ContactMessageInput,
  deps: SubmitContactDependencies,
): Promise<SubmitContactOutcome> {
  if (input.website.trim() !== '') return { id: deps.newId(), outcome: 'discarded' };
  const { client, acknowledgement } = deps.allowances;
  let usedUp = await deps.take([client, ...acknowledgement]);
  const acknowledge = usedUp === null;
  if (usedUp !== null && usedUp !== client) usedUp = await deps.take([client]);
  if (usedUp !== null) return { outcome: 'limited', usedUp };

  const now = deps.clock.now();
  const message = {
    ...buildContactMessage(input, deps.config, now, deps.newId(), acknowledge),
    addressKey: keyedAddressHash(deps.addressHashKey, input.email),
  };
  const duplicateUntil = new Date(now.getTime() + deps.config.duplicateWindowSeconds * 1000);
  const recorded = await deps.store.recordUnlessDuplicate(
    message,
    submissionFingerprint(input, deps.addressHashKey),
    duplicateUntil,
    now,
  );
  return { id: recorded.id, outcome: recorded.duplicate ? 'duplicate' : 'stored' };
}
