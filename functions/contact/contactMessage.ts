import * as z from 'zod/mini';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { limits } from './contactLimits.ts';
import type { ContactConfig } from './topics.ts';

export { limits };

/** Letters, marks, punctuation, symbols, spaces: no CR/LF or other control character. */
const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

const singleLineText = (max: number) =>
  z
    .string({ error: 'field.required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'field.text.empty' }),
      z.maxLength(max, { error: 'field.text.tooLong' }),
      z.regex(singleLine, { error: 'field.text.controlCharacters' }),
    );

/** Schema of `POST /contact`; topics are checked against the configured list. */
export function contactMessageSchema(topicIds: readonly string[]) {
  return z
    .strictObject(
      {
        name: singleLineText(limits.name),
        email: z.pipe(
          z
            .string({ error: 'field.required' })
            .check(z.trim(), z.maxLength(limits.email, { error: 'field.text.tooLong' })),
          z.email({ error: 'field.email.invalid' }),
        ),
        topic: z
          .string({ error: 'field.required' })
          .check(z.refine((id) => topicIds.includes(id), { error: 'contact.topic.unknown' })),
        message: z
          .string({ error: 'field.required' })
          .check(
            z.trim(),
            z.minLength(1, { error: 'field.text.empty' }),
            z.maxLength(limits.message, { error: 'contact.message.tooLong' }),
          ),
        consent: z.literal(true, { error: 'field.consent.required' }),
        website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
      },
      { error: 'field.unknownField' },
    )
    .check(
      z.meta({
        id: 'ContactMessageRequest',
        description:
          'Message sent through the contact form. `website` is a honeypot that people leave empty.',
      }),
    );
}

export type ContactMessageInput = z.output<ReturnType<typeof contactMessageSchema>>;

export interface ContactMessage {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly topic: string;
  readonly message: string;
  readonly receivedAt: string;
  readonly consent: { readonly textVersion: string; readonly givenAt: string };
  /**
   * Whether the visitor gets an acknowledgement: at most one a day per mailbox, within the
   * mailbox's allowance of form mails (absent on messages stored before: they did).
   */
  readonly acknowledge?: boolean;
  /**
   * The keyed hash of the address (`keyedAddressHash`): the `byAddress` index finds the
   * sender's messages and markers for the data controller (absent on messages stored before).
   */
  readonly addressKey?: string;
  /** Epoch seconds after which DynamoDB deletes the message. */
  readonly expiresAt: number;
}

/**
 * What makes two submissions "the same": person, topic and text. A keyed hash (the address
 * key), so the marker that remembers it for ten minutes holds no readable personal data.
 */
export function submissionFingerprint(
  input: Pick<ContactMessageInput, 'email' | 'topic' | 'message'>,
  addressHashKey: string,
): string {
  return keyedAddressHash(
    addressHashKey,
    input.email,
    input.topic,
    input.message.replace(/\s+/g, ' ').trim(),
  );
}

export function buildContactMessage(
  input: ContactMessageInput,
  config: ContactConfig,
  now: Date,
  id: string,
  acknowledge = true,
): ContactMessage {
  const expiresAt = Math.floor(now.getTime() / 1000) + config.retentionDays * 24 * 60 * 60;
  return {
    id,
    name: input.name,
    email: input.email.trim(),
    topic: input.topic,
    message: input.message,
    receivedAt: now.toISOString(),
    consent: { textVersion: config.consentTextVersion, givenAt: now.toISOString() },
    acknowledge,
    expiresAt,
  };
}
