import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWebSync } from '../../web/build/buildWeb.ts';
import { bundleBudgets, bundleSizes } from '../../web/build/bundleSizes.ts';
import { hostedPages } from '../../web/pages.ts';

const directory = mkdtempSync(join(tmpdir(), 'essaim-web-test-'));
const build = buildWebSync(directory);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the script a host page loads', () => {
  it('stays within its size budgets (sizes are deterministic; times are in bench/)', () => {
    const sizes = bundleSizes(build);
    expect(sizes.forms).toBeLessThanOrEqual(bundleBudgets.forms);
    expect(sizes.withMap).toBeLessThanOrEqual(bundleBudgets.withMap);
    // The map is a chunk of its own: the forms never pay for it.
    expect(sizes.withMap - sizes.forms).toBeGreaterThan(5_000);
  });

  it('is versioned by its content, with a stable address importing the current version', () => {
    expect(build.version).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{10}$/);
    expect(buildWebSync(join(directory, 'again')).version).toBe(build.version);
    const latest = readFileSync(join(build.siteDirectory, 'essaim', 'essaim.js'), 'utf8');
    expect(latest).toBe(`import './${build.version}/essaim.js';\n`);
    expect(readFileSync(join(build.immutableDirectory, build.scriptPath), 'utf8')).toContain(
      'essaim-programme',
    );
  });

  it('writes every hosted page, French, with its script; token pages are not indexed and leak no referrer', () => {
    for (const page of Object.values(hostedPages)) {
      const html = readFileSync(join(build.siteDirectory, page.path), 'utf8');
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain(`<script type="module" src="${build.scriptPath}"></script>`);
      expect(html.includes('<meta name="referrer" content="no-referrer">')).toBe(page.carriesToken);
      expect(html.includes('<meta name="robots" content="noindex, nofollow">')).toBe(page.carriesToken);
      // No inline script or style: the pages' CSP allows neither.
      expect(html).not.toMatch(/<script(?![^>]*\b(src|type="application\/ld\+json")\b)[^>]*>/);
      expect(html).not.toMatch(/\sstyle="/);
    }
  });
});
