import type { BuildOptions } from 'esbuild';
import { deployedFunctions } from '../functions/catalogue.ts';

/**
 * The npm packages of the native addons functions declare (`nativeAddon`): never bundled (a
 * `.node` binding is not JavaScript), copied beside the bundles of the functions that load them.
 */
export const nativePackages: readonly string[] = [
  ...new Set(deployedFunctions.flatMap((fn) => fn.nativeAddon?.packages ?? [])),
];

/**
 * How every function is bundled, written once: the one esbuild build of every function
 * (`infra/functionBuild.ts`) that the CDK stack ships and the bundle budgets measure, and the
 * cold-start benchmark's builds, all derive from it, so what is measured is what ships.
 */
export const functionBundling = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourceMap: true,
  // The AWS SDK is bundled (tree-shaken, pinned) rather than taken from the runtime; native
  // addons are left out, and shipped beside the bundles that need them (`stageFunction`).
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

/** The same settings as esbuild's options (`functionBuild`, floors, benchmarks). */
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

/** The shell commands that put a function's data files beside its bundle (`dataFiles`). */
export const dataFileCommands = (
  files: Readonly<Record<string, string>>,
  projectDir: string,
  outputDir: string,
): string[] => Object.entries(files).map(([from, to]) => `cp "${projectDir}/${from}" "${outputDir}/${to}"`);
