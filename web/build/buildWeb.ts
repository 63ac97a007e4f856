import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { latestScriptPath, versionedAssetsPrefix } from '../pages.ts';
import { renderHostedPages } from '../site/renderHostedPages.ts';

const webDirectory = join(import.meta.dirname, '..');
const packageVersion = (
  JSON.parse(readFileSync(join(webDirectory, '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** Where a build put its files: two trees laid out as the bucket's keys. */
export interface WebBuild {
  /** `<package version>-<content hash>`: a new build of other code is a new version. */
  readonly version: string;
  /** `essaim/<version>/…`: scripts and styles, cached for ever. */
  readonly immutableDirectory: string;
  /** Pages and the latest-script loader, cached for minutes. */
  readonly siteDirectory: string;
  /** Path of the versioned script, from the site's root: `/essaim/<version>/essaim.js`. */
  readonly scriptPath: string;
  /** Bytes of each versioned file (the bench prints them gzipped). */
  readonly files: readonly { readonly path: string; readonly contents: Uint8Array }[];
}

/**
 * Builds the components (one ES module, the map in a chunk loaded only by
 * `<essaim-programme>`), their stylesheet and the hosted pages into `outDirectory`.
 * Synchronous, because the CDK stack builds it while it synthesises.
 */
export function buildWebSync(outDirectory: string, options: { siteName?: string } = {}): WebBuild {
  const result = buildSync({
    entryPoints: [join(webDirectory, 'components', 'essaim.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    chunkNames: 'chunk-[hash]',
    outdir: '/virtual',
    write: false,
    logLevel: 'silent',
  });
  const stylesheet = readFileSync(join(webDirectory, 'components', 'essaim.css'));
  const versioned = [
    ...result.outputFiles.map((file) => ({ path: relative('/virtual', file.path), contents: file.contents })),
    { path: 'essaim.css', contents: new Uint8Array(stylesheet) },
  ];
  const hash = createHash('sha256');
  for (const file of versioned) hash.update(file.path).update(file.contents);
  const version = `${packageVersion}-${hash.digest('hex').slice(0, 10)}`;

  rmSync(outDirectory, { recursive: true, force: true });
  const immutableDirectory = join(outDirectory, 'immutable');
  const siteDirectory = join(outDirectory, 'site');
  const versionPath = `${versionedAssetsPrefix}${version}/`;
  const write = (root: string, path: string, contents: string | Uint8Array) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  };
  for (const file of versioned) write(immutableDirectory, `${versionPath}${file.path}`, file.contents);
  const scriptPath = `${versionPath}essaim.js`;
  // The stable address imports the versioned module: one small file to refresh, the rest cached.
  write(siteDirectory, latestScriptPath, `import './${version}/essaim.js';\n`);
  // The API's HTML answers (a form sent without JavaScript, refused) link the latest stylesheet.
  write(siteDirectory, `${versionedAssetsPrefix}essaim.css`, stylesheet);
  const pages = renderHostedPages({
    scriptPath,
    stylesheetPath: `${versionPath}essaim.css`,
    siteName: options.siteName ?? 'Essaim',
  });
  for (const [path, html] of pages) {
    write(siteDirectory, path, html);
  }
  return { version, immutableDirectory, siteDirectory, scriptPath, files: versioned };
}
