import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { httpRoutes, streamWorkers } from '../../functions/catalogue.ts';
import { esbuildOptions } from '../../infra/bundling.ts';

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');

/** The packages (or project files) a function's bundle holds, with their bytes. */
async function bundleOf(handler: string): Promise<{ total: number; parts: Map<string, number> }> {
  const outfile = join('/tmp', `essaim-bundle-test-${handler.replaceAll('/', '-')}.mjs`);
  const result = await build({
    ...esbuildOptions(join(functionsDirectory, handler), outfile),
    metafile: true,
    write: false,
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
  const parts = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const name = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path;
    parts.set(name, (parts.get(name) ?? 0) + input.bytesInOutput);
  }
  return { total: [...parts.values()].reduce((sum, bytes) => sum + bytes, 0), parts };
}

describe('function bundles (esbuild, the stack’s settings)', () => {
  it('keep the mail layout (MJML) out of every HTTP route, and in the workers that mail', async () => {
    for (const route of httpRoutes) {
      const { parts } = await bundleOf(route.handler);
      expect(parts.has('mjml-browser'), route.name).toBe(false);
    }
    const worker = streamWorkers.find((candidate) => candidate.name === 'sendContactEmails');
    expect((await bundleOf(worker?.handler ?? '')).parts.has('mjml-browser')).toBe(true);
  });

  it('keep the answer to unmatched requests small: no AWS SDK client, no content client', async () => {
    const { total, parts } = await bundleOf('system/answerUnmatchedRequest.ts');
    expect(total).toBeLessThan(300 * 1024);
    for (const heavy of ['@aws-sdk/client-ssm', '@aws-sdk/client-dynamodb', '@sanity/client', 'rxjs'])
      expect(parts.has(heavy), heavy).toBe(false);
  });
});
