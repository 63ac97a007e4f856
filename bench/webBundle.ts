import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebSync } from '../web/build/buildWeb.ts';
import { bundleBudgets, bundleSizes, gzipBytes } from '../web/build/bundleSizes.ts';
import { plainContactSnippet } from '../web/site/renderHostedPages.ts';

/**
 * What a host page pays to include the components, gzipped, beside the raw baseline: the
 * plain-HTML contact form of the README's snippet (what a site would paste without the script).
 */
export function webBundleBenchmark(): Record<string, number> {
  const directory = mkdtempSync(join(tmpdir(), 'essaim-web-bench-'));
  try {
    const build = buildWebSync(directory);
    const sizes = bundleSizes(build);
    const baseline = gzipBytes(plainContactSnippet('https://api.example.org'));
    const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
    console.log(`\nWeb components (${build.version}), gzip -9:`);
    console.log(`  plain-HTML contact form (baseline)   ${kb(baseline)}`);
    console.log(
      `  forms: script + stylesheet           ${kb(sizes.forms)}  (${(sizes.forms / baseline).toFixed(1)}× the baseline; budget ${kb(bundleBudgets.forms)})`,
    );
    console.log(
      `  with the map of France               ${kb(sizes.withMap)}  (${(sizes.withMap / baseline).toFixed(1)}× the baseline; budget ${kb(bundleBudgets.withMap)})`,
    );
    for (const file of sizes.files) console.log(`    ${file.path.padEnd(34)} ${kb(file.gzipBytes)}`);
    return { baseline, forms: sizes.forms, withMap: sizes.withMap };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
