import { gzipSync } from 'node:zlib';
import type { WebBuild } from './buildWeb.ts';

/** What a host page downloads, gzipped (level 9, as CloudFront's compression roughly gives). */
export interface BundleSizes {
  /** The script with what it imports statically, and the stylesheet: the forms. */
  readonly forms: number;
  /** The same plus the chunks loaded on demand (the map of `<essaim-programme>`). */
  readonly withMap: number;
  /** Each versioned file, gzipped. */
  readonly files: readonly { readonly path: string; readonly gzipBytes: number }[];
}

export const gzipBytes = (contents: Uint8Array | string): number => gzipSync(contents, { level: 9 }).length;

/** Static imports of an ES module: `import"./chunk-X.js"`, `from"./chunk-X.js"` (esbuild's minified output). */
const staticImports = (code: string) =>
  [...code.matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)].map((match) => match[1] as string);

export function bundleSizes(build: WebBuild): BundleSizes {
  const files = build.files.map((file) => ({ path: file.path, gzipBytes: gzipBytes(file.contents) }));
  const byPath = new Map(build.files.map((file) => [file.path, new TextDecoder().decode(file.contents)]));
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of staticImports(byPath.get(path) ?? '')) visit(imported);
  };
  visit('essaim.js');
  loaded.add('essaim.css');
  const sum = (paths: Iterable<string>) =>
    [...paths].reduce((total, path) => total + (files.find((file) => file.path === path)?.gzipBytes ?? 0), 0);
  return { forms: sum(loaded), withMap: sum(files.map((file) => file.path)), files };
}

/** The budgets of the issue: 35 KB gzip for the forms, 80 KB with the map. */
export const bundleBudgets = { forms: 35_000, withMap: 80_000 } as const;
