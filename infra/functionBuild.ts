import { createHash } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync, version as esbuildVersion, type Metafile } from 'esbuild';
import { type DeployedFunction, deployedFunctions } from '../functions/catalogue.ts';
import { esbuildOptions } from './bundling.ts';

/**
 * Every function of the catalogue bundled in **one** esbuild run (an entry point each, no code
 * splitting: each `<name>/index.mjs` is exactly what that function ships, and the modules the
 * functions share are parsed once, on every core), used by the CDK stack (`EssaimFunction`), the
 * bundle budgets (`test/infra/bundles.test.ts`) and the bench alike.
 *
 * A build is kept in `.essaim/bundles/<key>/` (git-ignored) and reused, by this process and the
 * next ones, while its inputs are unchanged: the esbuild settings and version, the functions and
 * their handlers, the lock files, `tsconfig.json`, and the content of every project file the
 * build read (from its metafile) with the listing of their folders (a new file there could change
 * what an import resolves to). An import of a new file needs an edit of a file already read, so a
 * stale build is never reused. Processes that need it at the same time (vitest's workers) build
 * it once: the first takes a lock, the others wait for it.
 */

const root = join(import.meta.dirname, '..');
export const functionBuildsDirectory = process.env.ESSAIM_BUNDLES_DIR ?? join(root, '.essaim', 'bundles');

export interface FunctionBuild {
  /** `<directory>/<function name>/index.mjs`, with its source map beside it. */
  readonly directory: string;
  /** esbuild's metafile; outputs named `<function name>/index.mjs`, inputs relative to the project. */
  readonly metafile: Metafile;
  /** Whether this process ran esbuild (false: an earlier build was reused). */
  readonly built: boolean;
  /** Seconds esbuild took (0 when reused). */
  readonly seconds: number;
}

/** What a kept build was made from: checked before reusing it. */
interface BuildRecord {
  readonly settings: string;
  readonly files: readonly string[];
  readonly folders: readonly string[];
  readonly sources: string;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const readOrNothing = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));

function buildOptions(functions: readonly DeployedFunction[], outdir: string) {
  return {
    ...esbuildOptions('', ''),
    outfile: undefined,
    outdir,
    absWorkingDir: root,
    outExtension: { '.js': '.mjs' },
    entryPoints: Object.fromEntries(
      functions.map((fn) => [`${fn.name}/index`, join(root, 'functions', fn.handler)]),
    ),
    metafile: true,
    write: true,
  };
}

/** The inputs that do not depend on which files the build read. */
function settingsKey(functions: readonly DeployedFunction[]): string {
  return sha(
    [
      esbuildVersion,
      JSON.stringify({ ...buildOptions(functions, ''), absWorkingDir: undefined }),
      sha(readOrNothing(join(root, 'package-lock.json'))),
      sha(readOrNothing(join(root, 'node_modules', '.package-lock.json'))),
      sha(readOrNothing(join(root, 'tsconfig.json'))),
      sha(readOrNothing(join(root, 'package.json'))),
    ].join('\n'),
  );
}

/** The content of the project files a build read, and the listing of their folders. */
function sourcesKey(files: readonly string[], folders: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0${sha(readOrNothing(join(root, file)))}\n`);
  for (const folder of folders) {
    const listing = existsSync(join(root, folder)) ? readdirSync(join(root, folder)).sort() : [];
    hash.update(`${folder}/\0${listing.join('\0')}\n`);
  }
  return hash.digest('hex');
}

/** A kept build whose inputs are unchanged, if any (the newest first). */
function findReusable(settings: string): FunctionBuild | undefined {
  if (!existsSync(functionBuildsDirectory)) return undefined;
  const candidates = readdirSync(functionBuildsDirectory)
    .filter((name) => name.startsWith(settings.slice(0, 16)))
    .map((name) => join(functionBuildsDirectory, name))
    .filter((path) => existsSync(join(path, 'record.json')))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const directory of candidates) {
    const record = JSON.parse(readFileSync(join(directory, 'record.json'), 'utf8')) as BuildRecord;
    if (record.settings !== settings || sourcesKey(record.files, record.folders) !== record.sources) continue;
    const metafile = JSON.parse(readFileSync(join(directory, 'metafile.json'), 'utf8')) as Metafile;
    // Its last use, so that `removeOldBuilds` leaves it to the processes that may still read it.
    utimesSync(directory, new Date(), new Date());
    return { directory, metafile, built: false, seconds: 0 };
  }
  return undefined;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `work` holding the builds' lock (a file naming its process), waiting while another holds it. */
function withLock<T>(work: () => T): T {
  const lock = join(functionBuildsDirectory, '.lock');
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      writeFileSync(lock, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readOrNothing(lock).toString() || 0);
      const alive = (() => {
        if (!holder) return true; // just created, its pid not yet written
        try {
          process.kill(holder, 0);
          return true;
        } catch {
          return false;
        }
      })();
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      // A lock left by a process that died, or older than any build: taken over.
      if (!alive || age > 10 * 60_000) rmSync(lock, { force: true });
      else pause(250);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function build(functions: readonly DeployedFunction[], settings: string): FunctionBuild {
  const temporary = join(functionBuildsDirectory, `.building-${process.pid}-${Date.now()}`);
  const started = Date.now();
  const result = buildSync(buildOptions(functions, temporary));
  if (!result.metafile) throw new Error('esbuild returned no metafile');
  const seconds = (Date.now() - started) / 1000;
  // Outputs named after the function, wherever the build is moved.
  const metafile: Metafile = {
    inputs: result.metafile.inputs,
    outputs: Object.fromEntries(
      Object.entries(result.metafile.outputs).map(([path, output]) => [
        path.slice(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1),
        output,
      ]),
    ),
  };
  const files = Object.keys(metafile.inputs)
    .filter((path) => !path.includes('node_modules/') && !path.includes(':'))
    .sort();
  const folders = [...new Set(files.map((file) => dirname(file)))].sort();
  const sources = sourcesKey(files, folders);
  writeFileSync(join(temporary, 'metafile.json'), JSON.stringify(metafile));
  // A file saved while esbuild ran may be in the bundle in its former state: this build serves
  // this process, but is not kept for the next ones.
  const changedMeanwhile = files.some((file) => statSync(join(root, file)).mtimeMs >= started - 1000);
  const directory = join(functionBuildsDirectory, `${settings.slice(0, 16)}-${sources.slice(0, 16)}`);
  if (changedMeanwhile) return { directory: temporary, metafile, built: true, seconds };
  writeFileSync(
    join(temporary, 'record.json'),
    JSON.stringify({ settings, files, folders, sources } satisfies BuildRecord),
  );
  // The same inputs kept already (a process may be reading it): that one stays.
  if (existsSync(directory)) rmSync(temporary, { recursive: true, force: true });
  else renameSync(temporary, directory);
  return { directory, metafile, built: true, seconds };
}

/**
 * Builds of other inputs, and unfinished ones, are removed 30 minutes after their last use (until
 * then a process may still read one).
 */
function removeOldBuilds(keep: string): void {
  for (const name of readdirSync(functionBuildsDirectory)) {
    const path = join(functionBuildsDirectory, name);
    if (path === keep || name === '.lock') continue;
    if (Date.now() - statSync(path).mtimeMs > 30 * 60_000) rmSync(path, { recursive: true, force: true });
  }
}

let current: FunctionBuild | undefined;

/**
 * The build of every function of the catalogue: this process's, a kept one whose inputs are
 * unchanged, or a new one (about a minute on two busy cores). Synchronous, for the CDK's synth.
 */
export function functionBuild(): FunctionBuild {
  if (current) return current;
  mkdirSync(functionBuildsDirectory, { recursive: true });
  const settings = settingsKey(deployedFunctions);
  current =
    findReusable(settings) ?? withLock(() => findReusable(settings) ?? build(deployedFunctions, settings));
  removeOldBuilds(current.directory);
  return current;
}

/** The folder of one function's bundle (`index.mjs` and its source map). */
export function functionBundleDirectory(name: string): string {
  const directory = join(functionBuild().directory, name);
  if (!existsSync(join(directory, 'index.mjs')))
    throw new Error(`No bundle for ${name}: is it in the catalogue (functions/catalogue.ts)?`);
  return directory;
}

/**
 * Puts a function's deployment package together in `outputDir`: its bundle and source map from
 * the build, its native addon's packages and files and its data files from the project (the
 * lock file's versions, the binding installed here: the architecture the addon declares).
 */
export function stageFunction(fn: DeployedFunction, outputDir: string): void {
  const bundle = functionBundleDirectory(fn.name);
  for (const file of ['index.mjs', 'index.mjs.map']) cpSync(join(bundle, file), join(outputDir, file));
  const copyFolder = (from: string, to: string) =>
    cpSync(join(root, from), join(outputDir, to), { recursive: true });
  for (const name of fn.nativeAddon?.packages ?? [])
    copyFolder(`node_modules/${name}`, `node_modules/${name}`);
  for (const [from, to] of Object.entries(fn.nativeAddon?.files ?? {})) copyFolder(from, to);
  for (const [from, to] of Object.entries(fn.dataFiles ?? {})) cpSync(join(root, from), join(outputDir, to));
}
