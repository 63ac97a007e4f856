import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');

/** The modules a module imports from the repository (relative `import … from './x.ts'`), transitively. */
function reachableModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const source = readFileSync(path, 'utf8');
    // `import type` brings no code: only value imports run at load time.
    for (const [, kind, specifier] of source.matchAll(
      /^(import|export)(?! type)[^'"]*?from '(\.[^']+\.ts)'/gm,
    ))
      if (kind && specifier) pending.push(resolve(dirname(path), specifier));
  }
  return seen;
}

describe('feature manifests', () => {
  // A manifest is read by the CDK stack, the local stack and the OpenAPI document before any
  // function runs: a handler module loaded with it builds its middleware then, and reads the
  // settings before the local stack has set them (CORS origins came out empty that way).
  it('never load a handler module, directly or through what they import', () => {
    const manifests = readdirSync(functionsDirectory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(functionsDirectory, entry.name, 'manifest.ts'))
      .filter((path) => {
        try {
          readFileSync(path);
          return true;
        } catch {
          return false;
        }
      });
    expect(manifests.length).toBeGreaterThan(5);
    const offenders = manifests.flatMap((manifest) =>
      [...reachableModules(manifest)]
        .filter((module) => /^export const handler\b/m.test(readFileSync(module, 'utf8')))
        .map(
          (module) =>
            `${manifest.slice(functionsDirectory.length + 1)} → ${module.slice(functionsDirectory.length + 1)}`,
        ),
    );
    expect(offenders).toEqual([]);
  });
});
