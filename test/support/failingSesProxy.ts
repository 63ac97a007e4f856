import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the proxy received, and what became of it. */
export interface ProxiedCall {
  readonly bulk: boolean;
  readonly destinations: readonly string[];
  readonly receivedAt: number;
  /** When its answer went back (none: the caller died first, or the stack under it). */
  answeredAt?: number;
  /** The emulator took it (HTTP 200): these destinations got the mail. */
  accepted: boolean;
  /** Refused by the proxy itself, as SES does when it throttles or fails. */
  refused?: 'TooManyRequestsException' | 'InternalFailure';
}

const bodyOf = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts)));
    request.on('error', reject);
  });

function destinationsOf(body: Buffer): string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as {
      BulkEmailEntries?: { Destination?: { ToAddresses?: string[] } }[];
      Destination?: { ToAddresses?: string[] };
    };
    if (parsed.BulkEmailEntries)
      return parsed.BulkEmailEntries.flatMap((entry) => entry.Destination?.ToAddresses ?? []);
    return parsed.Destination?.ToAddresses ?? [];
  } catch {
    return [];
  }
}

/**
 * A test-only proxy in front of the SES emulator: it refuses a share of the `SendBulkEmail` calls
 * (one in 1/share, in turn)
 * as SES does under pressure (429 throttling, 500 internal failure), forwards the rest, and
 * records every call, so that a test can tell who got the mail and which calls were in flight.
 */
export async function startFailingSesProxy(options: {
  readonly target: () => string;
  readonly failShare: number;
  /** How long a bulk call's answer takes to come back once the emulator took it (SES's latency). */
  readonly answerDelayMs?: number;
}) {
  const calls: ProxiedCall[] = [];
  let failShare = options.failShare;
  let refusals = 0;
  let bulkCalls = 0;
  const server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    const bulk = request.url?.includes('outbound-bulk-emails') ?? false;
    const call: ProxiedCall = {
      bulk,
      destinations: destinationsOf(body),
      receivedAt: Date.now(),
      accepted: false,
    };
    calls.push(call);
    // Deterministic: with a share of 0.2, every fifth bulk call is refused (a test must not depend on luck).
    if (bulk) bulkCalls += 1;
    if (bulk && failShare > 0 && bulkCalls % Math.round(1 / failShare) === 0) {
      refusals += 1;
      call.refused = refusals % 2 === 0 ? 'InternalFailure' : 'TooManyRequestsException';
      const status = call.refused === 'InternalFailure' ? 500 : 429;
      response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': call.refused });
      response.end(JSON.stringify({ message: 'Refused by the test proxy' }));
      call.answeredAt = Date.now();
      return;
    }
    try {
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !['host', 'connection', 'content-length'].includes(name),
        ),
      ) as Record<string, string>;
      const answer = await fetch(`${options.target()}${request.url}`, {
        method: request.method ?? 'POST',
        headers,
        ...(body.length > 0 ? { body } : {}),
      });
      const text = await answer.text();
      call.accepted = answer.status === 200;
      if (bulk && options.answerDelayMs)
        await new Promise((resolve) => setTimeout(resolve, options.answerDelayMs));
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      response.end(text);
      call.answeredAt = Date.now();
    } catch {
      // The emulator went down with the stack: no answer, as a network cut.
      response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** Bulk calls received and not answered yet. */
    inFlight: () => calls.filter((call) => call.bulk && call.answeredAt === undefined && !call.refused),
    setFailShare: (share: number) => {
      failShare = share;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
