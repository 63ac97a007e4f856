import { request as httpsRequest } from 'node:https';
import { createClient, type SanityClient } from '@sanity/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http2Fetch, startTestLake, type TestLake, until } from './contentLakeStudioSupport.ts';

let test: TestLake;
let editor: SanityClient;
beforeAll(async () => {
  test = await startTestLake();
  editor = test.client();
});
afterAll(() => test?.stop());

/** Reads an event stream until it holds `expected`, then closes it. */
async function readStreamUntil(response: Response, expected: string): Promise<string> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  await until(
    async () => {
      text += decoder.decode((await reader?.read())?.value);
      return text;
    },
    (seen) => seen.includes(expected),
  );
  await reader?.cancel();
  return text;
}

const ids = (documents: { _id: string }[]) => documents.map((doc) => doc._id).sort();

describe('queries by perspective', () => {
  it('reads published documents by default, everything raw, drafts over published in the drafts perspective', async () => {
    await editor.action({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.event-1',
      publishedId: 'event-1',
      patch: { set: { title: 'Atelier compost (brouillon)' } },
    });
    const events = '*[_type == "event"]{_id, _originalId, title}';
    expect(ids(await editor.fetch(events))).toEqual(['event-1']);
    expect(ids(await editor.fetch(events, {}, { perspective: 'raw' }))).toEqual([
      'drafts.event-1',
      'drafts.event-2',
      'event-1',
    ]);
    for (const perspective of ['drafts', 'previewDrafts'] as const) {
      const overlaid = await editor.fetch(events, {}, { perspective });
      expect(overlaid).toEqual(
        expect.arrayContaining([
          { _id: 'event-1', _originalId: 'drafts.event-1', title: 'Atelier compost (brouillon)' },
          { _id: 'event-2', _originalId: 'drafts.event-2', title: 'Brouillon seul' },
        ]),
      );
      expect(overlaid).toHaveLength(2);
    }
    // Before v2025-02-19 the default was raw.
    const older = editor.withConfig({ apiVersion: '2021-06-07' });
    expect(ids(await older.fetch(events))).toContain('drafts.event-1');
  });

  it('answers a GROQ syntax error as the Content Lake does', async () => {
    await expect(editor.fetch('*[_type == ')).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe('what the Content Lake refuses', () => {
  it('lets a contributor write drafts but not publish, unpublish or delete', async () => {
    const contributor = test.client('contributor');
    await contributor.action({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.event-1',
      publishedId: 'event-1',
      patch: { set: { title: 'Proposé par une contributrice' } },
    });
    expect(await editor.getDocument('drafts.event-1')).toMatchObject({
      title: 'Proposé par une contributrice',
    });
    const before = await editor.getDocument('event-1');
    const refusal = await contributor
      .action({
        actionType: 'sanity.action.document.publish',
        draftId: 'drafts.event-1',
        publishedId: 'event-1',
      })
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({
      statusCode: 403,
      details: { type: 'mutationError', items: [{ error: { type: 'insufficientPermissionsError' } }] },
    });
    await expect(contributor.patch('event-1').set({ title: 'x' }).commit()).rejects.toMatchObject({
      statusCode: 403,
    });
    await expect(contributor.request({ url: '/users/me' })).resolves.toMatchObject({ role: 'contributor' });
    // Nothing of the refused transactions was kept.
    expect(await editor.getDocument('event-1')).toEqual(before);
    expect(await editor.getDocument('drafts.event-1')).toMatchObject({
      title: 'Proposé par une contributrice',
    });
  });

  it('refuses stale revisions, unknown actions and drafts of published documents created anew', async () => {
    await expect(
      editor.action({
        actionType: 'sanity.action.document.publish',
        draftId: 'drafts.event-1',
        publishedId: 'event-1',
        ifPublishedRevisionId: 'not-the-revision',
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
    await expect(
      editor.action({
        actionType: 'sanity.action.document.create',
        publishedId: 'event-1',
        attributes: { _id: 'drafts.event-1', _type: 'event' },
        ifExists: 'fail',
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
    await expect(
      editor.action({ actionType: 'sanity.action.release.create', releaseId: 'r' } as never),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(
      editor.action({
        actionType: 'sanity.action.document.edit',
        draftId: 'event-1',
        publishedId: 'event-1',
        patch: { set: { title: 'x' } },
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe('the connection', () => {
  it('allows the Studio’s local origin with credentials, and no other', async () => {
    const { fetch, close } = http2Fetch(test.lake.certificate?.certificate ?? '');
    try {
      const preflight = await fetch(`${test.lake.studioUrl}/v2025-02-19/data/actions/production`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:3333', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3333');
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      const foreign = await fetch(`${test.lake.studioUrl}/v2025-02-19/users/me`, {
        headers: { origin: 'https://example.org' },
      });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const check = await fetch(`${test.lake.studioUrl}/v1/check/cors`, {
        headers: { origin: 'http://localhost:3333' },
      });
      expect(await check.json()).toEqual({ result: { allowed: true, withCredentials: true } });
      // The role page changes the local user's role until the stand-in stops.
      const chosen = await fetch(`${test.lake.studioUrl}/local/role?name=viewer`);
      expect(await chosen.text()).toContain('<strong>viewer</strong> (actuel)');
      expect(await editor.request({ url: '/users/me' })).toMatchObject({ role: 'viewer' });
      await expect(editor.patch('region-53').set({ code: 'x' }).commit()).rejects.toMatchObject({
        statusCode: 403,
      });
      expect((await fetch(`${test.lake.studioUrl}/local/role?name=root`)).status).toBe(400);
      await fetch(`${test.lake.studioUrl}/local/role?name=administrator`);
      expect(await editor.request({ url: '/users/me' })).toMatchObject({ role: 'administrator' });
    } finally {
      close();
    }
  });

  it('answers HTTP/1.1 clients too, with the same certificate', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const request = httpsRequest(
        `${test.lake.studioUrl}/v2025-02-19/users/me`,
        { ca: test.lake.certificate?.certificate },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(JSON.parse(body)).toMatchObject({ role: 'administrator' });
  });

  it('keeps serving the functions on plain HTTP, from the same documents, as the system', async () => {
    const functions = createClient({
      projectId: 'essaimdemo',
      dataset: 'production',
      apiVersion: '2025-02-19',
      useCdn: false,
      apiHost: test.lake.url,
      useProjectHostname: false,
    });
    await functions.patch('region-53').set({ name: 'Bretagne (Breizh)' }).commit();
    expect(await editor.getDocument('region-53')).toMatchObject({ name: 'Bretagne (Breizh)' });
    expect(await functions.fetch('*[_id == "event-1"][0].title')).toBe('Atelier compost');
  });

  it('resumes a listener after its last event, or asks it to reset when that is too old', async () => {
    const { fetch, close } = http2Fetch(test.lake.certificate?.certificate ?? '');
    const listenUrl = `${test.lake.studioUrl}/v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_id == "region-53"]')}&enableResume=true`;
    try {
      await editor.patch('region-53').set({ code: '53' }).commit({ transactionId: 'tx-resume-1' });
      await editor.patch('region-53').set({ code: '053' }).commit({ transactionId: 'tx-resume-2' });
      const resumed = await fetch(listenUrl, { headers: { 'last-event-id': 'tx-resume-1#region-53' } });
      const text = await readStreamUntil(resumed, 'tx-resume-2');
      expect(text).toMatch(/event: welcomeback\n/);
      expect(text).toMatch(/event: mutation\nid: tx-resume-2#region-53\n/);
      expect(text).not.toContain('"transactionId":"tx-resume-1"');
      const reset = await fetch(listenUrl, { headers: { 'last-event-id': 'unknown#region-53' } });
      expect(await readStreamUntil(reset, 'event: ')).toMatch(/event: reset\n/);
    } finally {
      close();
    }
  });
});
