import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { OutgoingEmail } from './outgoingEmail.ts';

export interface Mailer {
  /** Sends one e-mail and answers SES's message id. */
  send(email: OutgoingEmail): Promise<string>;
}

export interface SesMailerOptions {
  /** The address every mail comes from; the display name is each mail's `fromName`. */
  readonly fromAddress: string;
  readonly configurationSetName?: string | null;
}

/**
 * `Name <address>` with the name quoted, or MIME-encoded (RFC 2047) when it is not plain
 * ASCII, as SES requires for display names ("Chambre régionale…").
 */
export function fromHeader(name: string, address: string): string {
  const clean = name.replace(/[\p{Cc}"\\]+/gu, ' ').trim();
  if (!clean) return address;
  const quoted = /^[\x20-\x7e]*$/.test(clean) ? `"${clean}"` : encodedWords(clean);
  return `${quoted} <${address}>`;
}

/**
 * RFC 2047 encoded-words of at most 75 characters each (45 bytes of UTF-8 make 60 of base64),
 * cut between characters, never inside one: a chamber's full name is longer than one word.
 */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const character of text) {
    if (Buffer.byteLength(chunk + character, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(' ');
}

/** SES v2 with Simple content: SES builds the MIME message, so no header is ever hand-written. */
export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #options: SesMailerOptions;

  constructor(client: SESv2Client, options: SesMailerOptions) {
    this.#client = client;
    this.#options = options;
  }

  async send(email: OutgoingEmail): Promise<string> {
    const { MessageId } = await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: fromHeader(email.fromName, this.#options.fromAddress),
        Destination: { ToAddresses: [...email.to] },
        ReplyToAddresses: email.replyTo ? [...email.replyTo] : undefined,
        ConfigurationSetName: this.#options.configurationSetName ?? undefined,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Html: { Data: email.html, Charset: 'UTF-8' },
              Text: { Data: email.text, Charset: 'UTF-8' },
            },
            ...(email.attachments?.length
              ? {
                  Attachments: email.attachments.map((attachment) => ({
                    FileName: attachment.fileName,
                    ContentType: attachment.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    RawContent: new TextEncoder().encode(attachment.content),
                  })),
                }
              : {}),
          },
        },
      }),
    );
    if (!MessageId) throw new Error('SES answered without a message id');
    return MessageId;
  }
}
