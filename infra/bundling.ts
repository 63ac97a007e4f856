import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, written once: the CDK stack's NodejsFunction bundling and
 * the cold-start benchmark's esbuild run both derive from it, so what is measured is what ships.
 */
export const functionBundling = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourceMap: true,
  // The AWS SDK is bundled (tree-shaken, pinned) rather than taken from the runtime.
  externalModules: [] as string[],
  mainFields: ['module', 'main'],
  // Packages that ship a build for fetch-native runtimes use it (`worker`). `module` picks the
  // ES-module build where a package's exports offer one before `node`: esbuild drops its default
  // `module` condition once conditions are given, and the AWS SDK then resolved to its CommonJS
  // build, which cannot be tree-shaken (the DynamoDB document client's floor: 469 → 333 KiB).
  conditions: ['worker', 'module'],
  // MJML (mail layout) uses cheerio to read HTML; its slim build leaves out the parse5 parser
  // and the fetch/encoding stack of the full one (about 2 MiB) that MJML never calls.
  alias: { cheerio: 'cheerio/slim' } as Record<string, string>,
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
    alias: { ...functionBundling.alias },
    banner: { js: functionBundling.banner },
    logLevel: 'warning',
  };
}
