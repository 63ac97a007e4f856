import type { Clock } from '../shared/clock.ts';
import { buildContactMessage, type ContactMessageInput, submissionFingerprint } from './contactMessage.ts';
import type { ContactMessageStore } from './contactMessageStore.ts';
import type { ContactConfig } from './topics.ts';

export interface SubmitContactDependencies {
  readonly store: ContactMessageStore;
  readonly config: ContactConfig;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Key of the keyed hash that fingerprints a submission (the `ADDRESS_HASH_KEY` secret). */
  readonly addressHashKey: string;
}

export interface SubmitContactOutcome {
  readonly id: string;
  /** `stored` for a new message, `duplicate` for a repeat, `discarded` for a filled honeypot. */
  readonly outcome: 'stored' | 'duplicate' | 'discarded';
}

/**
 * Records a contact message. The e-mails follow from the stored fact (stream worker), never
 * from here. A robot that filled the honeypot gets the same answer as a person, and nothing
 * is kept; a repeat within the window gets the first message's id.
 */
export async function submitContactMessage(
  input: ContactMessageInput,
  deps: SubmitContactDependencies,
): Promise<SubmitContactOutcome> {
  if (input.website.trim() !== '') return { id: deps.newId(), outcome: 'discarded' };
  const now = deps.clock.now();
  const message = buildContactMessage(input, deps.config, now, deps.newId());
  const duplicateUntil = new Date(now.getTime() + deps.config.duplicateWindowSeconds * 1000);
  const recorded = await deps.store.recordUnlessDuplicate(
    message,
    submissionFingerprint(input, deps.addressHashKey),
    duplicateUntil,
    now,
  );
  return { id: recorded.id, outcome: recorded.duplicate ? 'duplicate' : 'stored' };
}
