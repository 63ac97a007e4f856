import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { OutgoingEmail } from '../domain/email/outgoingEmail.ts';

export interface Mailer {
  /** Sends one e-mail and answers SES's message id. */
  send(email: OutgoingEmail): Promise<string>;
}

export interface SesMailerOptions {
  readonly from: string;
  readonly configurationSetName?: string;
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
        FromEmailAddress: this.#options.from,
        Destination: { ToAddresses: [...email.to] },
        ReplyToAddresses: email.replyTo ? [...email.replyTo] : undefined,
        ConfigurationSetName: this.#options.configurationSetName,
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

export function mailerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SesMailerOptions {
  return {
    from: env.MAIL_FROM ?? 'Essaim <ne-pas-repondre@essaim.localhost>',
    configurationSetName: env.SES_CONFIGURATION_SET || undefined,
  };
}

export const siteNameFromEnv = (env: NodeJS.ProcessEnv = process.env): string => env.SITE_NAME ?? 'Essaim';
