import * as z from 'zod/mini';

/**
 * The one payload format this feature reads: SES **event publishing** JSON (a configuration
 * set's event destination), as SES hands it to SNS, unchanged, in the message of each SNS
 * notification. Its top-level field is `eventType` (SES's older identity notifications say
 * `notificationType` instead and are refused: the stack never subscribes them). See
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html and
 * the fixtures in `test/fixtures/sesEvents/`.
 *
 * Only what the rules need is validated; the rest (headers, subject, diagnostic codes, which
 * may quote an address) is neither kept nor logged.
 */

/** The event types the configuration sets publish to the topic (the stack's `matchingEventTypes`). */
export const recordedEventTypes = ['Bounce', 'Complaint', 'Delivery', 'Reject'] as const;
export type RecordedEventType = (typeof recordedEventTypes)[number];

/** Bounce types and the subtypes SES documents for each (other subtypes may come: they are read as text). */
export const bounceSubTypes = {
  Undetermined: ['Undetermined'],
  Permanent: ['General', 'NoEmail', 'Suppressed', 'OnAccountSuppressionList', 'UnsubscribedRecipient'],
  Transient: ['General', 'MailboxFull', 'MessageTooLarge', 'ContentRejected', 'AttachmentRejected'],
} as const;
export type BounceType = keyof typeof bounceSubTypes;

const timestamp = z.iso.datetime({ offset: true });
const address = z.string().check(z.trim(), z.minLength(3), z.maxLength(320));

const mailSchema = z.object({
  timestamp,
  messageId: z.string().check(z.minLength(1), z.maxLength(200)),
  destination: z.array(address).check(z.maxLength(100)),
  /** With event publishing, SES adds `ses:configuration-set` and the mail's own tags. */
  tags: z.optional(z.record(z.string(), z.array(z.string()))),
});

const bounceEventSchema = z.object({
  eventType: z.literal('Bounce'),
  mail: mailSchema,
  bounce: z.object({
    bounceType: z.enum(['Undetermined', 'Permanent', 'Transient']),
    bounceSubType: z.string().check(z.minLength(1), z.maxLength(100)),
    bouncedRecipients: z.array(z.object({ emailAddress: address })).check(z.maxLength(100)),
    timestamp,
    feedbackId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
});

const complaintEventSchema = z.object({
  eventType: z.literal('Complaint'),
  mail: mailSchema,
  complaint: z.object({
    complainedRecipients: z.array(z.object({ emailAddress: address })).check(z.maxLength(100)),
    timestamp,
    feedbackId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    /** `null`, or `OnAccountSuppressionList` when SES did not send because of the account's list. */
    complaintSubType: z.optional(z.nullable(z.string().check(z.maxLength(100)))),
    /** The feedback report's `Feedback-Type` (`abuse`, `fraud`, `not-spam`…), when the provider gave one. */
    complaintFeedbackType: z.optional(z.string().check(z.maxLength(100))),
  }),
});

const deliveryEventSchema = z.object({
  eventType: z.literal('Delivery'),
  mail: mailSchema,
  delivery: z.object({ timestamp, recipients: z.array(address).check(z.maxLength(100)) }),
});

const rejectEventSchema = z.object({
  eventType: z.literal('Reject'),
  mail: mailSchema,
  reject: z.object({ reason: z.string().check(z.maxLength(200)) }),
});

export const sesEventSchema = z.discriminatedUnion('eventType', [
  bounceEventSchema,
  complaintEventSchema,
  deliveryEventSchema,
  rejectEventSchema,
]);
export type SesEvent = z.output<typeof sesEventSchema>;
export type SesBounceEvent = z.output<typeof bounceEventSchema>;
export type SesComplaintEvent = z.output<typeof complaintEventSchema>;

export type ParsedSesMessage =
  | { readonly kind: 'event'; readonly event: SesEvent }
  /** An event type the stack does not publish to the topic (Send, Open…): nothing to record. */
  | { readonly kind: 'ignored'; readonly eventType: string }
  /** Not event-publishing JSON: the paths of what is wrong, never the values. */
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/** Reads an SNS message: SES's event-publishing JSON, or why not. */
export function parseSesMessage(message: string): ParsedSesMessage {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return { kind: 'invalid', problems: ['not JSON'] };
  }
  const head = z.object({ eventType: z.string().check(z.maxLength(100)) }).safeParse(json);
  if (!head.success) {
    const identityNotification =
      typeof json === 'object' && json !== null && 'notificationType' in json
        ? ['notificationType: an identity notification, not event publishing']
        : ['eventType: missing'];
    return { kind: 'invalid', problems: identityNotification };
  }
  if (!(recordedEventTypes as readonly string[]).includes(head.data.eventType))
    return { kind: 'ignored', eventType: head.data.eventType };
  const parsed = sesEventSchema.safeParse(json);
  if (!parsed.success)
    return {
      kind: 'invalid',
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`),
    };
  return { kind: 'event', event: parsed.data };
}

/** The configuration set SES names in the mail's tags, if any. */
export const configurationSetOf = (event: SesEvent): string | undefined =>
  event.mail.tags?.['ses:configuration-set']?.[0];

/** The newsletter a mail belonged to: its `newsletter` tag, set by the newsletter sender. */
export const newsletterOf = (event: SesEvent): string | undefined => event.mail.tags?.newsletter?.[0];
