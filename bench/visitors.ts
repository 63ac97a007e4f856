import { Agent, request } from 'node:http';

/**
 * A benchmark's visitors, each from a loopback address of its own (127.0.1.1, 127.0.1.2…; Linux
 * answers the whole 127.0.0.0/8): the stack sees as many clients as at the peak, so per-client
 * counters are many items, not one that every request updates.
 */
export class Visitors {
  readonly #agents: Agent[];

  constructor(count: number) {
    this.#agents = Array.from(
      { length: count },
      (_, index) =>
        new Agent({
          keepAlive: true,
          localAddress: `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`,
        }),
    );
  }

  /** An HTTP request from visitor `visitor` (any number: taken modulo the count): status and body. */
  send(
    visitor: number,
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const sent = request(
        url,
        {
          method: init.method ?? 'GET',
          agent: this.#agents[visitor % this.#agents.length],
          headers: init.headers ?? {},
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(init.body);
    });
  }

  close(): void {
    for (const agent of this.#agents) agent.destroy();
  }
}
