import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLake, type TestLake, until } from './contentLakeStudioSupport.ts';

let test: TestLake;
beforeAll(async () => {
  test = await startTestLake();
});
afterAll(() => test?.stop());

/** A WebSocket client reduced to what the test needs: masked text frames out, text frames in. */
async function openSocket(
  role: string,
): Promise<{ messages: string[]; send(message: unknown): void; close(): void }> {
  const socket = await new Promise<Socket>((resolve, reject) => {
    const upgrade = request(`${test.lake.studioUrl}/v2022-06-30/socket/production?tag=sanity.studio`, {
      ca: test.lake.certificate?.certificate,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        origin: 'http://localhost:3333',
        'x-essaim-studio-role': role,
      },
    });
    upgrade.on('upgrade', (_response, upgraded) => resolve(upgraded));
    upgrade.on('response', (response) => reject(new Error(`No upgrade: ${response.statusCode}`)));
    upgrade.on('error', reject);
    upgrade.end();
  });
  const messages: string[] = [];
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    // Server frames: unmasked, final; lengths below 64 KiB here.
    while (pending.length >= 2) {
      const short = (pending[1] as number) & 0x7f;
      const [offset, length] = short === 126 ? [4, pending.readUInt16BE(2)] : [2, short];
      if (pending.length < offset + length) break;
      messages.push(pending.subarray(offset, offset + length).toString('utf8'));
      pending = pending.subarray(offset + length);
    }
  });
  return {
    messages,
    send: (message) => {
      const payload = Buffer.from(JSON.stringify(message));
      const mask = randomBytes(4);
      const masked = payload.map((byte, index) => byte ^ (mask[index % 4] as number));
      const header =
        payload.length < 126
          ? Buffer.from([0x81, 0x80 | payload.length])
          : Buffer.from([0x81, 0xfe, payload.length >> 8, payload.length & 0xff]);
      socket.write(Buffer.concat([header, mask, masked]));
    },
    close: () => socket.destroy(),
  };
}

const json = (messages: string[]) =>
  messages.filter((text) => text.startsWith('{')).map((text) => JSON.parse(text));

describe('presence on the Studio’s socket', () => {
  it('beats, answers JSON-RPC, and tells every subscribed tab where the others are', async () => {
    const administrator = await openSocket('administrator');
    const contributor = await openSocket('contributor');
    try {
      await until(
        () => administrator.messages,
        (all) => all.includes('♥'),
      );
      administrator.send({
        jsonrpc: '2.0',
        method: 'presence_subscribe',
        params: { apiVersion: 'v1' },
        id: 'a1',
      });
      const [subscribed] = await until(
        () => json(administrator.messages),
        (all) => all.length === 1,
      );
      expect(subscribed).toMatchObject({ id: 'a1', result: expect.any(String) });

      const data = {
        sessionId: 'session-contributor',
        locations: [{ type: 'document', documentId: 'event-1', path: ['title'] }],
      };
      contributor.send({
        jsonrpc: '2.0',
        method: 'presence_announce',
        params: { data, apiVersion: 'v1' },
        id: 'c1',
      });
      const heard = await until(
        () => json(administrator.messages).filter((message) => message.method === 'presence_subscription'),
        (all) => all.length === 1,
      );
      expect(heard[0]?.params).toEqual({
        subscription: subscribed.result,
        result: { type: 'state', i: 'p-essaim-contributor', m: data },
      });
      contributor.send({ jsonrpc: '2.0', method: 'no_such_method', params: {}, id: 'c2' });
      await until(
        () => json(contributor.messages),
        (all) => all.some((message) => message.id === 'c2' && message.error?.code === -32601),
      );
      // A closed tab is told gone to the others.
      contributor.close();
      await until(
        () => json(administrator.messages).map((message) => message.params?.result),
        (all) =>
          all.some((event) => event?.type === 'disconnect' && event.m.session === 'session-contributor'),
      );
    } finally {
      administrator.close();
      contributor.close();
    }
  });
});
