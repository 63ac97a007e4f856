import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
export const studioDirectory = join(root, 'studio');
const sanityCli = join(root, 'node_modules', 'sanity', 'bin', 'sanity');

/** Folders and files of `studio/` that never reach the Studio's bundle. */
const notBundled = new Set(['node_modules', 'dist', '.sanity', 'demo', 'schema.json']);
const sourceFile = /\.(?:[cm]?[jt]sx?|json|css|svg)$/;
const relativeImport = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * The files a `sanity build` of `studio/` reads from this repository: the Studio's own sources,
 * and what they import from outside `studio/` (the programme's vocabulary, for example),
 * followed through relative imports. Sorted, absolute paths.
 */
export function studioSourceFiles(directory = studioDirectory): string[] {
  const files = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (notBundled.has(entry.name) && folder === directory) continue;
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (sourceFile.test(entry.name)) files.add(path);
    }
  };
  walk(directory);
  const pending = [...files];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(relativeImport)) {
      const target = resolve(dirname(file), specifier as string);
      if (files.has(target) || !existsSync(target) || !statSync(target).isFile()) continue;
      files.add(target);
      pending.push(target);
    }
  }
  return [...files].sort();
}

/**
 * What a build of the Studio depends on, as a short hash: its sources, the installed packages
 * (the lockfile), and the `SANITY_STUDIO_*` variables it bakes in (the stand-in's address among
 * them). The same key means the cached build is still the right one.
 */
export function studioBuildKey(variables: Readonly<Record<string, string | undefined>>): string {
  const hash = createHash('sha256');
  const feed = (label: string, content: string | Buffer) => {
    hash.update(`${label}\u0000${content.length}\u0000`);
    hash.update(content);
  };
  for (const file of studioSourceFiles()) feed(relative(root, file).split(sep).join('/'), readFileSync(file));
  feed('package-lock.json', readFileSync(join(root, 'package-lock.json')));
  for (const [name, value] of Object.entries(variables)
    .filter(([name, value]) => name.startsWith('SANITY_STUDIO_') && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1)))
    feed(`env:${name}`, value as string);
  return hash.digest('hex').slice(0, 16);
}

export interface StudioBuild {
  /** Folder with `index.html` and `static/`. */
  readonly directory: string;
  /** False when a cached build was reused. */
  readonly built: boolean;
}

/** Builds kept in a cache folder: the most recently used (another stack may be serving one). */
const keptBuilds = 4;

/**
 * A `sanity build` of `studio/` for these variables, from `cacheDirectory/<key>` when an earlier
 * run made it, else built there (a few seconds, about 1.3 GB of memory while it lasts). Beyond
 * the four most recently used, older builds are removed. Aborting `signal` stops a build under way.
 */
export async function ensureStudioBuild(options: {
  readonly cacheDirectory: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
}): Promise<StudioBuild> {
  const environment = { ...process.env, ...options.variables, DO_NOT_TRACK: '1' };
  const key = studioBuildKey(environment);
  const directory = join(options.cacheDirectory, key);
  if (existsSync(join(directory, 'index.html'))) {
    const now = new Date();
    utimesSync(directory, now, now);
    return { directory, built: false };
  }

  const partial = `${directory}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const output = await run(process.execPath, [sanityCli, 'build', partial, '--yes'], {
    cwd: studioDirectory,
    env: environment,
    signal: options.signal,
  }).catch((error: unknown) => {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  });
  if (!existsSync(join(partial, 'index.html'))) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`sanity build wrote no index.html:\n${output.slice(-2000)}`);
  }
  rmSync(directory, { recursive: true, force: true });
  renameSync(partial, directory);
  removeOldBuilds(options.cacheDirectory);
  return { directory, built: true };
}

/** Keeps the `keptBuilds` most recently used builds of the folder and the builds under way. */
export function removeOldBuilds(cacheDirectory: string): void {
  const entries = readdirSync(cacheDirectory).map((name) => {
    const path = join(cacheDirectory, name);
    return { name, path, usedAt: statSync(path).mtimeMs };
  });
  const builds = entries
    .filter(({ name }) => !name.includes('.partial-'))
    .sort((a, b) => b.usedAt - a.usedAt);
  // A partial build is another run's build under way, unless it was left there an hour ago.
  const abandoned = entries.filter(
    ({ name, usedAt }) => name.includes('.partial-') && Date.now() - usedAt > 3600_000,
  );
  for (const { path } of [...builds.slice(keptBuilds), ...abandoned])
    rmSync(path, { recursive: true, force: true });
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; signal?: AbortSignal | undefined },
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise(output);
      else
        reject(
          new Error(
            `sanity build ${signal ? `was stopped (${signal})` : `failed (exit code ${code})`}:\n${output.slice(-2000)}`,
          ),
        );
    });
  });
}
