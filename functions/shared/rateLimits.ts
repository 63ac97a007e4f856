import { isIPv4, isIPv6 } from 'node:net';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RateLimit } from './abuseSettings.ts';
import { dynamoDbDocumentClient, tableNameOf } from './aws.ts';
import { failedItem, untilSettled } from './conflictRetries.ts';
import { ProblemError } from './http/problem.ts';
import { countMetric } from './metrics.ts';
import { type SettingName, setting } from './settings.ts';
import { keyedAddressHash, normaliseEmail } from './tokens/keyedAddressHash.ts';
import { addressHashKeyValue } from './tokens/tokenKeys.ts';

/**
 * Rate limits, per client and per mailbox, counted in the `RateLimits` table (the `system`
 * feature's): one item per client network (or mailbox), kind of request and fixed window,
 * holding a keyed hash and a count, nothing else. A request takes one unit of each allowance it
 * needs, all or none, with a conditional `ADD`; where a registration changes too, the same
 * `Update` goes into its transaction (`allowanceUpdate`), so counting costs no round trip.
 */

/** The kinds of request limited per client, and the setting of each (or a fixed limit). */
const clientLimits = {
  contact: 'rateLimitContact',
  registrations: 'rateLimitRegistrations',
  registrationLinks: 'rateLimitRegistrationLinks',
  attendeeLists: 'rateLimitAttendeeLists',
  subscriptions: 'rateLimitSubscriptions',
  // Requests for one's personal data and their confirmations: rare for a person, so no setting;
  // a script inventing addresses causes 30 confirmation mails an hour at most.
  personalDataRequests: { limit: 30, windowSeconds: 3600 },
  // Events submitted to a campaign: a structure submits a few; each one tells a chamber.
  eventSubmissions: { limit: 20, windowSeconds: 3600 },
  // The member directory (`functions/directory/`): entries asked for, searches and single entries
  // read (public e-mails are shown one entry at a time: this caps how many a client reads), and
  // messages sent to members.
  directoryEntries: { limit: 10, windowSeconds: 3600 },
  directorySearches: { limit: 300, windowSeconds: 3600 },
  directoryProfiles: { limit: 60, windowSeconds: 3600 },
  directoryContacts: { limit: 10, windowSeconds: 3600 },
  // Business meetings (`functions/meetings/`): participants registering (each mails a link), and
  // the changes made through a link (a participant's wishes, an organiser's moves).
  meetingParticipants: { limit: 10, windowSeconds: 3600 },
  meetingChanges: { limit: 120, windowSeconds: 3600 },
  // Where editors switched the proof of work on: plain HTML form posts (no JavaScript, so no
  // solution) pass, 5 an hour per client, all such forms together.
  formsWithoutChallenge: { limit: 5, windowSeconds: 3600 },
  // Challenges handed out (`GET /forms/challenge`): a visitor needs one per form sent.
  formChallenges: { limit: 300, windowSeconds: 3600 },
} as const satisfies Record<string, SettingName | RateLimit>;
export type ClientScope = keyof typeof clientLimits;

const clientRate = (scope: ClientScope): RateLimit => {
  const limit = clientLimits[scope];
  return typeof limit === 'string' ? setting(limit) : limit;
};

/** One unit of a counter to take: who is counted, how many they may, and when that resets. */
export interface Allowance {
  /** The counter's key: `<what>#<keyed hash>#<window start, epoch seconds>`. */
  readonly key: string;
  readonly limit: number;
  readonly resetsAt: Date;
  /** Whose limit it is, for the refusal's wording: the client's, or a mailbox's. */
  readonly of: 'client' | 'mailbox';
}

/**
 * The network a request comes from, as API Gateway saw the connection (`sourceIp`; never a
 * header the client wrote, such as `X-Forwarded-For`): an IPv4 address whole, an IPv6 address
 * by its /64 (what one household or office gets), an IPv4-mapped IPv6 address as the IPv4.
 */
export function clientNetwork(sourceIp: string | undefined): string {
  const address = (sourceIp ?? '').trim();
  if (isIPv4(address)) return address;
  const groups = isIPv6(address) ? ipv6Groups(address) : null;
  if (!groups) return 'unknown';
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] ?? 0, groups[7] ?? 0].flatMap((group) => [group >> 8, group & 0xff]).join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted tail converted). */
function ipv6Groups(address: string): number[] | null {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) =>
    Number.parseInt(group, 16),
  );
}

/**
 * The mailbox an address delivers to, as far as a form can tell: without case, without a
 * `+tag` (most providers deliver `anne+1@` to `anne@`), without the dots Gmail ignores. So a
 * victim's address spelt twenty ways is still one mailbox with one allowance.
 */
export function mailboxOf(email: string): string {
  const address = normaliseEmail(email);
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  let local = address.slice(0, at).split('+')[0] as string;
  let domain = address.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local || address.slice(0, at)}@${domain}`;
}

function allowance(what: string, hash: string, rate: RateLimit, of: Allowance['of'], now: Date): Allowance {
  const windowStart = Math.floor(now.getTime() / 1000 / rate.windowSeconds) * rate.windowSeconds;
  return {
    key: `${what}#${hash}#${windowStart}`,
    limit: rate.limit,
    resetsAt: new Date((windowStart + rate.windowSeconds) * 1000),
    of,
  };
}

/** The client's allowance for a kind of request (`RATE_LIMIT_*`). */
export async function clientAllowance(
  event: APIGatewayProxyEventV2,
  scope: ClientScope,
  now: Date,
): Promise<Allowance> {
  const network = clientNetwork(event.requestContext?.http?.sourceIp);
  const hash = keyedAddressHash(await addressHashKeyValue(), `client:${network}`);
  return allowance(`CLIENT#${scope}`, hash, clientRate(scope), 'client', now);
}

/** A mailbox's allowance of mails caused by forms, all forms together (`FORM_MAILS_PER_MAILBOX`). */
export async function mailboxAllowance(email: string, now: Date): Promise<Allowance> {
  const hash = keyedAddressHash(await addressHashKeyValue(), `mailbox:${mailboxOf(email)}`);
  return allowance('MAILBOX', hash, setting('formMailsPerMailbox'), 'mailbox', now);
}

/**
 * At most one per mailbox and day (the contact form's acknowledgement): its own counter,
 * which the mailbox's allowance above still limits.
 */
export async function dailyMailboxAllowance(what: string, email: string, now: Date): Promise<Allowance> {
  const hash = keyedAddressHash(await addressHashKeyValue(), `mailbox:${mailboxOf(email)}`);
  return allowance(`DAILY#${what}`, hash, { limit: 1, windowSeconds: 86_400 }, 'mailbox', now);
}

/** The transaction item that takes one unit of an allowance (fails its condition when none is left). */
export function allowanceUpdate(taken: Allowance) {
  return {
    Update: {
      TableName: tableNameOf('rateLimits'),
      Key: { pk: taken.key },
      UpdateExpression: 'ADD hits :one SET expiresAt = :expiresAt',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeValues: {
        ':one': 1,
        ':limit': taken.limit,
        // DynamoDB deletes the counter within days of its window's end: it holds nothing useful then.
        ':expiresAt': Math.floor(taken.resetsAt.getTime() / 1000),
      },
    },
  };
}

/**
 * Takes one unit of each allowance, all or none (one write, or one transaction for several).
 * Answers the first allowance that had none left, or null when all were taken.
 */
export function takeAllowances(allowances: readonly Allowance[]): Promise<Allowance | null> {
  const client = dynamoDbDocumentClient();
  return untilSettled('Rate limit', async () => {
    try {
      if (allowances.length === 1) {
        await client.send(new UpdateCommand(allowanceUpdate(allowances[0] as Allowance).Update));
      } else if (allowances.length > 1) {
        await client.send(new TransactWriteCommand({ TransactItems: allowances.map(allowanceUpdate) }));
      }
      return null;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return allowances[0] as Allowance;
      // A registration's transaction was counting on the same item: try again.
      if (error instanceof TransactionConflictException) return undefined;
      const failed = error instanceof TransactionCanceledException ? failedItem(error) : undefined;
      if (failed === undefined) throw error;
      return failed === 'conflict' ? undefined : (allowances[failed] as Allowance);
    }
  });
}

/** The `429` for a used-up allowance: French problem+json, `Retry-After` in seconds. */
export function tooManyRequests(usedUp: Allowance, now: Date): ProblemError {
  countMetric('requestsRateLimited');
  const seconds = Math.max(1, Math.ceil((usedUp.resetsAt.getTime() - now.getTime()) / 1000));
  return new ProblemError({
    status: 429,
    title: 'problem.tooManyRequests.title',
    detail: usedUp.of === 'client' ? 'rateLimit.client' : 'rateLimit.mailbox',
    params: { minutes: Math.ceil(seconds / 60) },
    headers: { 'retry-after': String(seconds) },
  });
}

/** Takes the allowances or refuses the request with a `429`. */
export async function limitOrRefuse(allowances: readonly Allowance[], now: Date): Promise<void> {
  const usedUp = await takeAllowances(allowances);
  if (usedUp) throw tooManyRequests(usedUp, now);
}
