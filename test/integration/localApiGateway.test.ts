import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiUrl, type DemoEvent, demoDocuments, pagesUrl, postJson, waitForEmails } from './support.ts';

/** The local API Gateway on odd input: what API Gateway would do, never a 5xx of its own making. */
const problemOf = async (response: Response) => {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  return (await response.json()) as { status: number; title: string; detail: string };
};

/** A request with a Host header of the client's choosing (fetch keeps its own). */
function postWithHost(path: string, host: string): Promise<number> {
  const url = new URL(path, apiUrl());
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end('{}');
  });
}

describe('local API Gateway', () => {
  it('answers a malformed percent-encoding with a 4xx problem, not a 5xx', async () => {
    const response = await fetch(`${apiUrl()}/events/%E0%A4%A`);
    expect([400, 404]).toContain(response.status);
    expect((await problemOf(response)).status).toBe(response.status);
  });

  it('hands query parameters named like Object.prototype members to the handler as plain data', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const response = await fetch(`${apiUrl()}/events?${name}=x`);
      expect(response.status, name).toBeLessThan(500);
      if (response.status >= 400) await problemOf(response);
    }
    // Where no such parameter was sent, none is seen.
    expect((await fetch(`${apiUrl()}/events?limit=1`)).status).toBe(200);
  });

  it('answers a body over API Gateway’s 10 MB with its own French problem', async () => {
    const response = await postJson('/contact', 'x'.repeat(10 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status: 413, title: 'Requête trop volumineuse' });
    expect(response.headers.get('content-language')).toBe('fr');
  });

  it('never lets the client’s Host into mailed links: they open the configured pages', async () => {
    const event = demoDocuments<DemoEvent>('event').filter(
      (doc) => doc.status === 'scheduled' && !doc.registration.capacity,
    )[61] as DemoEvent;
    expect(await postWithHost(`/events/${event.slug.current}/attendees/link`, 'evil.example')).toBe(202);
    const page = `${pagesUrl()}/liste-des-inscrits.html?manifestation=${event.slug.current}&jeton=`;
    const mails = await waitForEmails((all) => all.some((mail) => mail.body.text?.includes(page)));
    const text = mails.find((mail) => mail.body.text?.includes(page))?.body.text;
    expect(text).not.toContain('evil.example');
  });

  it('puts a correlation id on its own answers too', async () => {
    const health = await fetch(`${apiUrl()}/health`);
    expect(health.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
