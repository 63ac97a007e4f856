import * as z from 'zod/mini';
import { directoryLimits as limits } from './directoryVocabulary.ts';
import './directoryMessages.ts';

/** What a visitor sends a member (`POST /directory/contact/{id}`): who they are and their message. */

const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
const multiLine = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;

export const directoryContactSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'field.required' })
        .check(
          z.trim(),
          z.minLength(1, { error: 'field.text.empty' }),
          z.maxLength(limits.contactName, { error: 'field.text.tooLong' }),
          z.regex(singleLine, { error: 'field.text.controlCharacters' }),
        ),
      email: z.pipe(
        z
          .string({ error: 'field.required' })
          .check(z.trim(), z.maxLength(limits.email, { error: 'field.text.tooLong' })),
        z.email({ error: 'field.email.invalid' }),
      ),
      message: z
        .string({ error: 'field.required' })
        .check(
          z.trim(),
          z.minLength(limits.contactMessageMin, { error: 'directory.contact.tooShort' }),
          z.maxLength(limits.contactMessage, { error: 'contact.message.tooLong' }),
          z.regex(multiLine, { error: 'field.text.controlCharacters' }),
        ),
      consent: z.literal(true, { error: 'field.consent.required' }),
      website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
    },
    { error: 'field.unknownField' },
  )
  .check(
    z.meta({
      id: 'DirectoryContactRequest',
      description:
        'A message to a member of the directory: it is mailed to the member with the sender’s name and address (the member’s own address is never shown; answering is the member’s choice). `website` is a honeypot that people leave empty.',
    }),
  );
export type DirectoryContactBody = z.output<typeof directoryContactSchema>;
