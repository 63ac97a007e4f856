import { randomUUID } from 'node:crypto';
import { localRegion } from './localEnvironment.ts';
import type { StackActivity } from './stackActivity.ts';

/**
 * The SES mailbox simulator, locally. In AWS, a mail to `bounce@simulator.amazonses.com` (or
 * `success@`, `complaint@`, `suppressionlist@`, `ooto@`, each also with a `+label` before the
 * `@`) produces the outcome it names, and SES publishes the matching events to the
 * configuration set's event destination. The SES emulator delivers everything and publishes
 * nothing, so the local stack watches what the functions send through the shared SES client
 * (a middleware, like the access guard) and, for each simulator recipient of a successful send,
 * publishes what SES would publish, in SES's event-publishing JSON, to the topic SES publishes
 * to: the same consumer then records it, through the same local access guard.
 *
 * Other recipients get no event: locally only the simulator's addresses have an outcome.
 */

export type SimulatorOutcome = 'success' | 'bounce' | 'complaint' | 'suppressionlist' | 'ooto';
const outcomes: readonly SimulatorOutcome[] = ['success', 'bounce', 'complaint', 'suppressionlist', 'ooto'];

/** The outcome a simulator address names (`bounce+essai-1@simulator.amazonses.com` → `bounce`), if it is one. */
export function simulatorOutcome(address: string): SimulatorOutcome | undefined {
  const match = /^([a-z]+)(?:\+[^@]*)?@simulator\.amazonses\.com$/i.exec(bareAddress(address).trim());
  const name = match?.[1]?.toLowerCase() as SimulatorOutcome | undefined;
  return name && outcomes.includes(name) ? name : undefined;
}

const bareAddress = (text: string): string => /<([^<>]+)>\s*$/.exec(text)?.[1] ?? text;

/** One accepted send, as the simulator sees it. */
export interface SimulatedSend {
  readonly messageId: string;
  /** The From header, as sent (`"Name" <address>`). */
  readonly source: string;
  readonly destination: readonly string[];
  readonly subject?: string;
  readonly configurationSet: string;
  /** The mail's own message tags (`EmailTags`, `DefaultEmailTags`), which SES hands back in its events. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly sentAt: Date;
}

/** Local stand-in for an SES feedback id (`<hex>-<uuid>-000000`). */
const feedbackId = () => `0100019${Date.now().toString(16)}-${randomUUID()}-000000`;
const account = '000000000000';

function mailObject(send: SimulatedSend) {
  const fromAddress = bareAddress(send.source);
  const domain = fromAddress.split('@')[1] ?? 'localhost';
  return {
    timestamp: send.sentAt.toISOString(),
    source: send.source,
    sourceArn: `arn:aws:ses:${localRegion}:${account}:identity/${domain}`,
    sendingAccountId: account,
    messageId: send.messageId,
    destination: [...send.destination],
    headersTruncated: false,
    headers: [
      { name: 'From', value: send.source },
      { name: 'To', value: send.destination.join(', ') },
      ...(send.subject ? [{ name: 'Subject', value: send.subject }] : []),
    ],
    commonHeaders: {
      from: [send.source],
      to: [...send.destination],
      messageId: send.messageId,
      ...(send.subject ? { subject: send.subject } : {}),
    },
    tags: {
      'ses:configuration-set': [send.configurationSet],
      'ses:source-ip': ['127.0.0.1'],
      'ses:from-domain': [domain],
      'ses:caller-identity': ['essaim-local'],
      'ses:outgoing-ip': ['127.0.0.1'],
      ...Object.fromEntries(Object.entries(send.tags ?? {}).map(([name, value]) => [name, [value]])),
    },
  };
}

function delivery(send: SimulatedSend, recipient: string, at: Date) {
  return {
    eventType: 'Delivery',
    mail: mailObject(send),
    delivery: {
      timestamp: at.toISOString(),
      processingTimeMillis: Math.max(0, at.getTime() - send.sentAt.getTime()),
      recipients: [recipient],
      smtpResponse: '250 2.6.0 Message received',
      reportingMTA: `a8-1.smtp-out.${localRegion}.amazonses.com`,
      remoteMtaIp: '127.0.0.1',
    },
  };
}

function bounce(
  send: SimulatedSend,
  recipient: string,
  at: Date,
  subType: 'General' | 'OnAccountSuppressionList',
) {
  return {
    eventType: 'Bounce',
    mail: mailObject(send),
    bounce: {
      feedbackId: feedbackId(),
      bounceType: 'Permanent',
      bounceSubType: subType,
      bouncedRecipients: [
        subType === 'General'
          ? {
              emailAddress: recipient,
              action: 'failed',
              status: '5.1.1',
              diagnosticCode: 'smtp; 550 5.1.1 user unknown',
            }
          : {
              emailAddress: recipient,
              action: 'failed',
              status: '5.1.1',
              diagnosticCode:
                'Amazon SES did not send the message to this address because it is on the suppression list for your account.',
            },
      ],
      timestamp: at.toISOString(),
      reportingMTA: `dns; a8-1.smtp-out.${localRegion}.amazonses.com`,
    },
  };
}
function complaint(send: SimulatedSend, recipient: string, at: Date) {
  return {
    eventType: 'Complaint',
    mail: mailObject(send),
    complaint: {
      feedbackId: feedbackId(),
      complaintSubType: null,
      complainedRecipients: [{ emailAddress: recipient }],
      timestamp: at.toISOString(),
      userAgent: 'Amazon SES Mailbox Simulator',
      complaintFeedbackType: 'abuse',
      arrivalDate: send.sentAt.toISOString(),
    },
  };
}

/**
 * The event-publishing records SES publishes for a send, in order: for each simulator
 * recipient, a delivery (`success`, `ooto`), a bounce (`bounce`: permanent, general;
 * `suppressionlist`: permanent, on the account's suppression list), or a delivery then a
 * complaint (`complaint`).
 */
export function simulatedEvents(send: SimulatedSend, at: Date = new Date()): Record<string, unknown>[] {
  return send.destination.flatMap((recipient): Record<string, unknown>[] => {
    switch (simulatorOutcome(recipient)) {
      case 'success':
      case 'ooto':
        return [delivery(send, recipient, at)];
      case 'bounce':
        return [bounce(send, recipient, at, 'General')];
      case 'suppressionlist':
        return [bounce(send, recipient, at, 'OnAccountSuppressionList')];
      case 'complaint':
        return [delivery(send, recipient, at), complaint(send, recipient, new Date(at.getTime() + 1))];
      default:
        return [];
    }
  });
}

type Input = Readonly<Record<string, unknown>>;
type Destination = { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
const recipientsOf = (destination: Destination | undefined): string[] => [
  ...(destination?.ToAddresses ?? []),
  ...(destination?.CcAddresses ?? []),
  ...(destination?.BccAddresses ?? []),
];

/** The accepted sends of an SES call (`SendEmail`, `SendBulkEmail`) from its input and output. */
export function acceptedSends(
  operation: string,
  input: Input,
  output: Input,
  defaultConfigurationSet: string,
  sentAt: Date = new Date(),
): SimulatedSend[] {
  const source = typeof input.FromEmailAddress === 'string' ? input.FromEmailAddress : '';
  const configurationSet =
    typeof input.ConfigurationSetName === 'string' && input.ConfigurationSetName
      ? input.ConfigurationSetName
      : defaultConfigurationSet;
  const tagList = (input.EmailTags ?? input.DefaultEmailTags ?? []) as { Name?: string; Value?: string }[];
  const tags = Object.fromEntries(
    tagList.flatMap((tag) => (tag.Name && tag.Value ? [[tag.Name, tag.Value]] : [])),
  );
  const content = input.Content as { Simple?: { Subject?: { Data?: string } } } | undefined;
  const subject = content?.Simple?.Subject?.Data;
  if (operation === 'SendEmail' && typeof output.MessageId === 'string') {
    return [
      {
        messageId: output.MessageId,
        source,
        destination: recipientsOf(input.Destination as Destination | undefined),
        ...(subject ? { subject } : {}),
        configurationSet,
        tags,
        sentAt,
      },
    ];
  }
  if (operation === 'SendBulkEmail') {
    const entries = (input.BulkEmailEntries ?? []) as { Destination?: Destination }[];
    const results = (output.BulkEmailEntryResults ?? []) as { Status?: string; MessageId?: string }[];
    return entries.flatMap((entry, index) => {
      const result = results[index];
      return result?.MessageId && (result.Status ?? 'SUCCESS') === 'SUCCESS'
        ? [
            {
              messageId: result.MessageId,
              source,
              destination: recipientsOf(entry.Destination),
              configurationSet,
              tags,
              sentAt,
            },
          ]
        : [];
    });
  }
  return [];
}

type Next = (args: { readonly input: object }) => Promise<{ output?: unknown }>;
type SimulatorMiddleware = (next: Next, context: { readonly commandName?: string }) => Next;
interface SimulatedClient {
  readonly middlewareStack: {
    add(
      middleware: SimulatorMiddleware,
      options: { step: 'initialize'; priority: 'low'; name: string },
    ): void;
  };
}

const simulatedStacks = new WeakSet<object>();

/**
 * Watches the sends of an SES client and, after each accepted one, hands what SES would publish
 * to `publish` (a little later, as SES publishes asynchronously). Answers a function that stops
 * publishing (what is scheduled is dropped).
 */
export function simulateMailbox(
  client: unknown,
  options: {
    readonly defaultConfigurationSet: string;
    readonly publish: (event: Record<string, unknown>) => void;
    readonly delayMs?: number;
    /** Counts the events waiting for their delay (`GET /health/settled` waits for them). */
    readonly activity?: StackActivity;
  },
): () => void {
  const stack = (client as SimulatedClient).middlewareStack;
  if (simulatedStacks.has(stack)) throw new Error('This SES client already has the mailbox simulator');
  simulatedStacks.add(stack);
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  stack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const sends = acceptedSends(
        operation,
        args.input as Input,
        (result.output ?? {}) as Input,
        options.defaultConfigurationSet,
      );
      const events = sends.flatMap((send) => simulatedEvents(send));
      if (events.length > 0 && !stopped) {
        const published = options.activity?.begin();
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!stopped) for (const event of events) options.publish(event);
          // After publishing: the subscribers' invocations are under way by then.
          published?.();
        }, options.delayMs ?? 50);
        timers.add(timer);
      }
      return result;
    },
    // Inside the access guard (high priority): a refused send never reaches it.
    { step: 'initialize', priority: 'low', name: 'essaimLocalMailboxSimulator' },
  );
  return () => {
    stopped = true;
    simulatedStacks.delete(stack);
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
