import { join } from 'node:path';
import { build } from 'esbuild';
import type { DeployedFunction } from '../functions/catalogue.ts';
import type { Access } from '../functions/manifest.ts';
import { esbuildOptions } from './bundling.ts';

/**
 * What a function's bundle is measured against (issue 15): its **floor**, a bundle that only
 * creates the AWS SDK clients the function's access needs, built with the same esbuild settings.
 * A function may weigh at most its floor plus this allowance; the bench compares import times
 * the same way. Everything here derives from the manifests: a new function gets its budget.
 */
export const bundleAllowanceBytes = 150 * 1024;

/** AWS SDK clients a function may need; secrets and content are read with fetch, without one. */
export type SdkClient = 'dynamoDbDocument' | 'sesV2';

/** The clients the access implies: tables need the document client, sending mail SES v2. */
export function sdkClientsOf(access: Access): SdkClient[] {
  const clients: SdkClient[] = [];
  if (Object.keys(access.tables ?? {}).length > 0) clients.push('dynamoDbDocument');
  if (access.sendEmail) clients.push('sesV2');
  return clients;
}

/** A floor's name, as the bench prints it: `none`, `dynamoDbDocument+sesV2`… */
export const floorName = (clients: readonly SdkClient[]): string =>
  clients.length === 0 ? 'none' : clients.join('+');

const clientCode: Record<SdkClient, { readonly imports: string; readonly create: string }> = {
  dynamoDbDocument: {
    imports:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    create: 'DynamoDBDocumentClient.from(new DynamoDBClient({}))',
  },
  sesV2: {
    imports: "import { SESv2Client } from '@aws-sdk/client-sesv2';",
    create: 'new SESv2Client({})',
  },
};

/** The floor's module: the clients created at import (as a function's stores are), nothing else. */
export function floorSource(clients: readonly SdkClient[]): string {
  return [
    ...clients.map((client) => clientCode[client].imports),
    `const clients = [${clients.map((client) => clientCode[client].create).join(', ')}];`,
    'export const handler = async () => ({ statusCode: 200, body: String(clients.length) });',
  ].join('\n');
}

const root = join(import.meta.dirname, '..');

/** One bundle to build: a function's handler module, or a floor's source. */
export type BundleEntry =
  | { readonly name: string; readonly handler: string }
  | { readonly name: string; readonly source: string };

export const functionEntry = (fn: DeployedFunction): BundleEntry => ({ name: fn.name, handler: fn.handler });
export const floorEntry = (clients: readonly SdkClient[]): BundleEntry => ({
  name: `floor-${floorName(clients)}`,
  source: floorSource(clients),
});

/**
 * Builds bundles with the stack's settings (`esbuildOptions`), each in `<outdir>/<name>/index.mjs`,
 * and answers their sizes in bytes (the .mjs alone, as Lambda loads it; the source map beside
 * it is read only to report an error). With `write: false` nothing touches the disk.
 */
export async function buildBundles(
  entries: readonly BundleEntry[],
  options: { readonly outdir: string; readonly write: boolean },
): Promise<Map<string, { readonly bytes: number; readonly file: string }>> {
  const sizes = new Map<string, { bytes: number; file: string }>();
  await Promise.all(
    entries.map(async (entry) => {
      const file = join(options.outdir, entry.name, 'index.mjs');
      const base = esbuildOptions('handler' in entry ? join(root, 'functions', entry.handler) : '', file);
      const result = await build({
        ...base,
        ...('source' in entry
          ? { entryPoints: [], stdin: { contents: entry.source, resolveDir: root, loader: 'ts' as const } }
          : {}),
        write: options.write,
        metafile: true,
      });
      const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'));
      if (!output) throw new Error(`esbuild wrote no module for ${entry.name}`);
      sizes.set(entry.name, { bytes: output[1].bytes, file });
    }),
  );
  return sizes;
}
