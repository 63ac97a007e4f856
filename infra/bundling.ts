import type { BuildOptions } from 'esbuild';
import { deployedFunctions } from '../functions/catalogue.ts';
import type { NativeAddon } from '../functions/manifest.ts';

/**
 * The npm packages of the native addons functions declare (`nativeAddon`): never bundled (a
 * `.node` binding is not JavaScript), copied beside the bundles of the functions that load them.
 */
export const nativePackages: readonly string[] = [
  ...new Set(deployedFunctions.flatMap((fn) => fn.nativeAddon?.packages ?? [])),
];

/**
 * How every function is bundled, written once: the CDK stack's NodejsFunction bundling and
 * the cold-start benchmark's esbuild run both derive from it, so what is measured is what ships.
 */
export const functionBundling = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourceMap: true,
  // The AWS SDK is bundled (tree-shaken, pinned) rather than taken from the runtime; native
  // addons are left out, and shipped beside the bundles that need them (`nativeAddonCommands`).
  externalModules: [...nativePackages] as string[],
  mainFields: ['module', 'main'],
  // Packages that ship a build for fetch-native runtimes use it (`worker`). `module` picks the
  // ES-module build where a package's exports offer one before `node`: esbuild drops its default
  // `module` condition once conditions are given, and the AWS SDK then resolved to its CommonJS
  // build, which cannot be tree-shaken (the DynamoDB document client's floor: 469 → 333 KiB).
  conditions: ['worker', 'module'],
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

/** The same settings for a direct esbuild build (benchmarks). */
export function esbuildOptions(entryPoint: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    target: functionBundling.target,
    format: functionBundling.format,
    minify: functionBundling.minify,
    sourcemap: functionBundling.sourceMap,
    external: functionBundling.externalModules,
    mainFields: [...functionBundling.mainFields],
    conditions: [...functionBundling.conditions],
    banner: { js: functionBundling.banner },
    logLevel: 'warning',
  };
}

/**
 * The shell commands that put a function's native addon beside its bundle (the CDK's
 * `afterBundling` hook): its packages under `node_modules/`, where Node finds them from the
 * bundle, and its files (fonts…) where the function looks for them. Copied from the project's
 * `node_modules`, so what ships is the lock file's version, with the binding installed there
 * (the architecture the addon declares).
 */
export function nativeAddonCommands(addon: NativeAddon, projectDir: string, outputDir: string): string[] {
  const copy = (from: string, to: string) =>
    `mkdir -p "${outputDir}/${to}" && cp -R "${projectDir}/${from}/." "${outputDir}/${to}/"`;
  return [
    ...addon.packages.map((name) => copy(`node_modules/${name}`, `node_modules/${name}`)),
    ...Object.entries(addon.files ?? {}).map(([from, to]) => copy(from, to)),
  ];
}

/** The shell commands that put a function's data files beside its bundle (`dataFiles`). */
export const dataFileCommands = (
  files: Readonly<Record<string, string>>,
  projectDir: string,
  outputDir: string,
): string[] => Object.entries(files).map(([from, to]) => `cp "${projectDir}/${from}" "${outputDir}/${to}"`);
