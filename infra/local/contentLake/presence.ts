import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isLocalOrigin } from './http.ts';
import type { Lake } from './routes.ts';
import { requestedRole, studioUser } from './users.ts';

/** What RFC 6455 appends to the client's key before hashing it into the accept header. */
const webSocketGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const heartbeatMilliseconds = 20_000;
/** A presence message is a few hundred bytes; anything far bigger is not the Studio's. */
const largestMessage = 1024 * 1024;

interface Connection {
  readonly userId: string;
  readonly subscriptions: Set<string>;
  /** Sessions announced through this connection: told gone when it closes. */
  readonly sessions: Set<string>;
  send(text: string): void;
}

/**
 * The Studio's realtime socket (`wss://<host>/v…/socket/<dataset>`, Sanity's "bifur"):
 * JSON-RPC over a WebSocket, with a `♥` heartbeat. It carries presence: each Studio tab
 * announces where its user is, and every tab subscribed hears it, so two tabs (or two
 * roles) see each other in a document. Browsers open it over HTTP/1.1 (this server does not
 * offer WebSockets over HTTP/2), which the HTTPS listener accepts beside HTTP/2.
 */
export function presenceUpgrade(lake: Lake) {
  const connections = new Set<Connection>();
  const broadcast = (event: Record<string, unknown>) => {
    for (const connection of connections)
      for (const subscription of connection.subscriptions)
        connection.send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'presence_subscription',
            params: { subscription, result: event },
          }),
        );
  };

  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(request.url ?? '/', 'https://localhost').pathname;
    const key = request.headers['sec-websocket-key'];
    const origin = request.headers.origin;
    if (
      !/^\/v[\w-]+\/socket\/[\w-]+$/.test(path) ||
      typeof key !== 'string' ||
      (origin && !isLocalOrigin(origin))
    ) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}${webSocketGuid}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    const connection: Connection = {
      userId: studioUser(requestedRole(request.headers, lake.studioRole.current)).id,
      subscriptions: new Set(),
      sessions: new Set(),
      send: (text) => {
        if (!socket.destroyed) socket.write(frame(0x1, Buffer.from(text, 'utf8')));
      },
    };
    connections.add(connection);
    const heartbeat = setInterval(() => connection.send('♥'), heartbeatMilliseconds);
    connection.send('♥');
    const closed = () => {
      if (!connections.delete(connection)) return;
      clearInterval(heartbeat);
      for (const session of connection.sessions)
        broadcast({ type: 'disconnect', i: connection.userId, m: { session } });
    };
    socket.on('close', closed);
    socket.on('error', () => socket.destroy());

    let pending = Buffer.from(head);
    let fragments: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let parsed = readFrame(pending); parsed; parsed = readFrame(pending)) {
        pending = pending.subarray(parsed.length);
        if (parsed.opcode === 0x8) {
          socket.end(frame(0x8, Buffer.alloc(0)));
          return;
        }
        if (parsed.opcode === 0x9) socket.write(frame(0xa, parsed.payload));
        if (parsed.opcode !== 0x1 && parsed.opcode !== 0x0) continue;
        fragments.push(parsed.payload);
        if (!parsed.final) continue;
        const text = Buffer.concat(fragments).toString('utf8');
        fragments = [];
        answer(connection, text);
      }
      if (pending.length > largestMessage) socket.destroy();
    });
  };

  function answer(connection: Connection, text: string): void {
    let message: { id?: unknown; method?: unknown; params?: Record<string, unknown> };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const outcome = perform(connection, String(message.method), message.params ?? {});
    connection.send(
      JSON.stringify(
        outcome
          ? { jsonrpc: '2.0', id: message.id, result: outcome.result }
          : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } },
      ),
    );
    if (outcome?.event) broadcast(outcome.event);
  }

  /** A request's result, and the presence event it makes every subscriber hear; undefined: unknown method. */
  function perform(
    connection: Connection,
    method: string,
    params: Record<string, unknown>,
  ): { result: unknown; event?: Record<string, unknown> } | undefined {
    const i = connection.userId;
    switch (method) {
      case 'authorization':
        return { result: true };
      case 'presence_subscribe': {
        const subscription = randomUUID();
        connection.subscriptions.add(subscription);
        return { result: subscription };
      }
      case 'presence_unsubscribe':
        connection.subscriptions.delete(String(params.subscriptionId));
        return { result: true };
      case 'presence_rollcall':
        return { result: null, event: { type: 'rollCall', i, session: params.session } };
      case 'presence_announce': {
        const data = (params.data ?? {}) as { sessionId?: unknown };
        if (typeof data.sessionId === 'string') connection.sessions.add(data.sessionId);
        return { result: null, event: { type: 'state', i, m: data } };
      }
      case 'presence_disconnect':
        connection.sessions.delete(String(params.session));
        return { result: null, event: { type: 'disconnect', i, m: { session: params.session } } };
      default:
        return undefined;
    }
  }
}

/** One frame read from the start of `buffer` (client frames are masked), or undefined if incomplete. */
function readFrame(
  buffer: Buffer,
): { opcode: number; final: boolean; payload: Buffer; length: number } | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[0] as number;
  const second = buffer[1] as number;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (second & 0x80) !== 0;
  const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (mask)
    for (let index = 0; index < payload.length; index++)
      payload[index] = (payload[index] as number) ^ (mask[index % 4] as number);
  return { opcode: first & 0x0f, final: (first & 0x80) !== 0, payload, length: offset + length };
}

/** A final, unmasked frame (the server's). */
function frame(opcode: number, payload: Buffer): Buffer {
  const header =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : payload.length < 65_536
        ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(payload.length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}
