/** An e-mail ready to hand to the mailer: one French HTML part and its plain-text twin. */
export interface OutgoingEmail {
  /** The sender's display name: always the site name the body speaks in. */
  readonly fromName: string;
  readonly to: readonly string[];
  readonly replyTo?: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments?: readonly EmailAttachment[];
}

export interface EmailAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: string;
}

/**
 * Header values must stay on one line whatever a visitor typed: CR, LF and other control
 * characters become spaces (the API's validation already refuses them; this is the second lock).
 */
export const headerSafe = (value: string): string =>
  value
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
