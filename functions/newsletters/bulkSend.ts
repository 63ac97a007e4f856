import { type BulkEmailEntry, type SESv2Client, SendBulkEmailCommand } from '@aws-sdk/client-sesv2';
import { fromHeader } from '../shared/mail/mailer.ts';
import type { MailHeader } from '../subscriptions/listHeaders.ts';

/** One recipient of a chunk, as SendBulkEmail takes it. */
export interface BulkRecipient {
  readonly addressKey: string;
  readonly email: string;
  readonly replacements: Readonly<Record<string, string>>;
  readonly headers: readonly MailHeader[];
}

export interface BulkMessage {
  readonly fromName: string;
  readonly fromAddress: string;
  readonly configurationSet: string | null;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** SES message tags: bounces and complaints come back with them (newsletter, send). */
  readonly tags: Readonly<Record<string, string>>;
}

/** What SES said of one recipient. */
export type EntryAnswer =
  | { readonly kind: 'sent'; readonly messageId: string }
  | { readonly kind: 'retry'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** What SES said of the whole call. */
export type CallAnswer =
  | { readonly kind: 'answered'; readonly entries: readonly EntryAnswer[] }
  /** Refused as a whole for a passing reason (throttled, unavailable): nothing was sent. */
  | { readonly kind: 'refusedForNow'; readonly reason: string }
  /** Refused as a whole for good (a bad request): nothing was sent, and trying again would not help. */
  | { readonly kind: 'refused'; readonly reason: string };

/** Entry statuses worth another try later; any other non-success is final. */
const passingStatuses = new Set(['ACCOUNT_THROTTLED', 'TRANSIENT_FAILURE', 'ACCOUNT_DAILY_QUOTA_EXCEEDED']);
const throttlingErrors = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
  'SendingPausedException',
]);

/** SES tag values: letters, digits, `_`, `-`, `.` (256 at most). */
const tagValue = (value: string) => value.replace(/[^\w.-]/g, '_').slice(0, 256);

/**
 * One SendBulkEmail call (up to 50 recipients) with inline template content: the rendered
 * newsletter, each recipient's replacements (greeting, links) and headers (`List-Unsubscribe`…).
 * A call that got no answer (network cut, timeout) throws: its recipients are uncertain.
 */
export async function sendBulk(
  ses: SESv2Client,
  message: BulkMessage,
  recipients: readonly BulkRecipient[],
): Promise<CallAnswer> {
  const entries: BulkEmailEntry[] = recipients.map((recipient) => ({
    Destination: { ToAddresses: [recipient.email] },
    ReplacementEmailContent: {
      ReplacementTemplate: { ReplacementTemplateData: JSON.stringify(recipient.replacements) },
    },
    ReplacementHeaders: recipient.headers.map((header) => ({ ...header })),
  }));
  try {
    const { BulkEmailEntryResults = [] } = await ses.send(
      new SendBulkEmailCommand({
        FromEmailAddress: fromHeader(message.fromName, message.fromAddress),
        ConfigurationSetName: message.configurationSet ?? undefined,
        DefaultEmailTags: Object.entries(message.tags).map(([Name, Value]) => ({
          Name,
          Value: tagValue(Value),
        })),
        DefaultContent: {
          Template: {
            TemplateContent: { Subject: message.subject, Html: message.html, Text: message.text },
            TemplateData: '{}',
          },
        },
        BulkEmailEntries: entries,
      }),
    );
    return {
      kind: 'answered',
      entries: recipients.map((_, index): EntryAnswer => {
        const result = BulkEmailEntryResults[index];
        if (result?.Status === 'SUCCESS' && result.MessageId)
          return { kind: 'sent', messageId: result.MessageId };
        const reason = `${result?.Status ?? 'NO_RESULT'}${result?.Error ? `: ${result.Error}` : ''}`.slice(
          0,
          300,
        );
        return passingStatuses.has(result?.Status ?? '')
          ? { kind: 'retry', reason }
          : { kind: 'failed', reason };
      }),
    };
  } catch (error) {
    const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    const status = $metadata?.httpStatusCode;
    // No HTTP answer: SES may have sent. The caller marks these recipients uncertain.
    if (status === undefined) throw error;
    const reason = `${name ?? 'Error'} (HTTP ${status})`;
    if (status === 429 || status >= 500 || throttlingErrors.has(name ?? ''))
      return { kind: 'refusedForNow', reason };
    return { kind: 'refused', reason };
  }
}
