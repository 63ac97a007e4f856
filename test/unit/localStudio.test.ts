import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioApiHost } from '../../infra/local/studio.ts';
import { removeOldBuilds, studioBuildKey, studioSourceFiles } from '../../infra/local/studioBuild.ts';
import { startStudioServer, unreachableApiNotice } from '../../infra/local/studioServer.ts';
import { localContentLakeOptions, withLocalContentLake } from '../../studio/localContentLake.ts';

describe('the Studio workspace on the local Content Lake stand-in', () => {
  const production = {
    name: 'essaim',
    title: 'Essaim',
    projectId: 'essaimdemo',
    dataset: 'production',
    document: { actions: () => [] },
  };

  it('is the production workspace, untouched, when no local address is given', () => {
    expect(withLocalContentLake(production, undefined)).toBe(production);
    expect(withLocalContentLake(production, '')).toBe(production);
  });

  it('sends every client to the stand-in on its own host name', () => {
    const options = localContentLakeOptions('https://localhost:8010/');
    expect(options.apiHost).toBe('https://localhost:8010');
    const client = options.unstable_clientFactory({
      projectId: 'essaimdemo',
      dataset: 'production',
      apiVersion: '2025-02-19',
      useCdn: false,
      apiHost: 'https://api.sanity.io',
      useProjectHostname: true,
      withCredentials: true,
    });
    const config = client.config();
    expect(config.apiHost).toBe('https://localhost:8010');
    expect(config.useProjectHostname).toBe(false);
    expect(config.withCredentials).toBe(true);
    expect(client.getUrl('/users/me')).toBe('https://localhost:8010/v2025-02-19/users/me');
  });

  it('signs in through the stand-in, searches without text::query() and leaves out hosted-only features', () => {
    const local = withLocalContentLake(production, 'https://localhost:8010') as typeof production &
      ReturnType<typeof localContentLakeOptions> & { subtitle: string };
    expect(local).toMatchObject({
      name: 'essaim',
      projectId: 'essaimdemo',
      dataset: 'production',
      title: 'Essaim (local)',
      auth: { loginMethod: 'cookie' },
      search: { strategy: 'groqLegacy' },
      releases: { enabled: false },
      scheduledDrafts: { enabled: false },
      tasks: { enabled: false },
      document: { comments: { enabled: false } },
    });
    // The production workspace's own options (the document actions) stay.
    expect(local.document.actions).toBe(production.document.actions);
  });

  it('refuses an address that is not one', () => {
    expect(() => localContentLakeOptions('localhost:8010')).toThrow(/SANITY_STUDIO_LOCAL_API_HOST/);
    expect(() => localContentLakeOptions('ftp://localhost')).toThrow(/http/);
  });

  it('reaches the stand-in on localhost, whose subdomains browsers resolve to this machine', () => {
    expect(studioApiHost('https://127.0.0.1:8443')).toBe('https://localhost:8443');
    expect(studioApiHost('https://localhost:8443/')).toBe('https://localhost:8443');
  });
});

describe('the Studio build cache', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'essaim-studio-sources-'));
    const write = (path: string, content: string) => {
      mkdirSync(join(folder, path, '..'), { recursive: true });
      writeFileSync(join(folder, path), content);
    };
    write('studio/sanity.config.ts', "import { a } from './schema/a.ts';\nimport '../shared/words.ts';");
    write('studio/schema/a.ts', "export { b } from '../../shared/b.ts';");
    write('shared/b.ts', "import { c } from './c.ts';");
    write('shared/c.ts', 'export const c = 1;');
    write('shared/words.ts', 'export {};');
    write('shared/unused.ts', 'export {};');
    write('studio/node_modules/x/index.js', '');
    write('studio/dist/static/app.js', '');
    write('studio/demo/demo-dataset.ndjson', '');
    write('studio/schema.json', '[]');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('depends on the Studio’s sources and what they import from outside studio/, nothing else', () => {
    expect(studioSourceFiles(join(folder, 'studio')).map((file) => file.slice(folder.length + 1))).toEqual([
      'shared/b.ts',
      'shared/c.ts',
      'shared/words.ts',
      'studio/sanity.config.ts',
      'studio/schema/a.ts',
    ]);
  });

  it('is keyed by the SANITY_STUDIO_* variables a build bakes in, not by the rest of the environment', () => {
    const key = studioBuildKey({ SANITY_STUDIO_LOCAL_API_HOST: 'https://localhost:8010', HOME: '/a' });
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(studioBuildKey({ SANITY_STUDIO_LOCAL_API_HOST: 'https://localhost:8010', HOME: '/b' })).toBe(key);
    expect(studioBuildKey({ SANITY_STUDIO_LOCAL_API_HOST: 'https://localhost:8011' })).not.toBe(key);
    expect(studioBuildKey({})).not.toBe(key);
  });

  it('keeps the four most recently used builds (other stacks may serve them) and builds under way', () => {
    const cache = mkdtempSync(join(tmpdir(), 'essaim-studio-builds-'));
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
    const names = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, 'g.partial-123': 0.1, 'h.partial-456': 2 };
    for (const [name, hours] of Object.entries(names)) {
      mkdirSync(join(cache, name));
      utimesSync(join(cache, name), hoursAgo(hours), hoursAgo(hours));
    }
    removeOldBuilds(cache);
    expect(readdirSync(cache).sort()).toEqual(['a', 'b', 'c', 'd', 'g.partial-123']);
    rmSync(cache, { recursive: true, force: true });
  });
});

describe('the Studio’s static server', () => {
  let folder: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'essaim-studio-build-'));
    mkdirSync(join(folder, 'static'));
    writeFileSync(
      join(folder, 'index.html'),
      '<!doctype html><html><head><title>Studio</title></head></html>',
    );
    writeFileSync(join(folder, 'static', 'sanity-xQf4dRKa.js'), 'export {};');
    writeFileSync(join(folder, 'static', 'favicon.svg'), '<svg/>');
    server = await startStudioServer({ port: 0, directory: folder, headEnd: '<script>notice()</script>' });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers the Studio’s own routes with its page, never cached', async () => {
    const response = await fetch(`${base}/structure/event;event-2027-00001`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(
      '<!doctype html><html><head><title>Studio</title><script>notice()</script></head></html>',
    );
    expect(await (await fetch(`${base}/index.html`)).text()).toContain('notice()');
  });

  it('says in French what to do when the stand-in cannot be reached, with nothing of its values run', () => {
    const notice = unreachableApiNotice({
      apiHost: 'https://localhost:8011',
      projectHost: 'https://essaimdemo.localhost:8011',
      certificateFile: '.essaim/</script><script>alert(1)</script>.pem',
    });
    expect(notice).toContain('Le Studio local n’atteint pas son API');
    expect(notice).toContain('"https://localhost:8011"');
    expect(notice.match(/<\/script>/g)).toHaveLength(1);
  });

  it('serves hashed bundles for good, other files revalidated, a missing bundle as a 404', async () => {
    const bundle = await fetch(`${base}/static/sanity-xQf4dRKa.js`);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/static/favicon.svg`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/static/gone-AbCdEfGh.js`)).status).toBe(404);
  });

  it('serves nothing outside its folder and only reads', async () => {
    const outside = await fetch(`${base}/static/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await outside.text()).not.toContain('root:');
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});
