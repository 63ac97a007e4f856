import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { type DeployedFunction, deployedFunctions } from '../functions/catalogue.ts';
import type { Access } from '../functions/manifest.ts';
import { esbuildOptions } from './bundling.ts';
import { functionBuild } from './functionBuild.ts';

/**
 * What a function's bundle is measured against (issue 15): its **floor**, a bundle that only
 * creates the AWS SDK clients the function's access needs, built with the same esbuild settings.
 * A function may weigh at most its floor plus this allowance; the bench compares import times
 * the same way. Everything here derives from the manifests: a new function gets its budget.
 */
export const bundleAllowanceBytes = 150 * 1024;

/**
 * The budget is for code: data files of the project a bundle holds (the committed OpenAPI
 * document, which `getOpenApiDocument` serves and `answerUnmatchedRequest` reads its routes from)
 * are counted apart, and printed by the bench.
 */
export const withinBudget = (bundle: BuiltBundle, floor: BuiltBundle): boolean =>
  bundle.bytes - bundle.dataBytes <= floor.bytes + bundleAllowanceBytes;

/**
 * What a function's floor holds: the AWS SDK clients it may need (secrets and content are read
 * with fetch, without one), and ALTCHA's verifier for a form route that checks a proof of work
 * (an opt-in mechanism its manifest declares, measured here rather than charged to its 150 KiB).
 */
export type SdkClient = 'dynamoDbDocument' | 'sesV2' | 'formChallenge';

/** What the access implies: tables need the document client, sending mail SES v2. */
export function sdkClientsOf(access: Access): SdkClient[] {
  const clients: SdkClient[] = [];
  if (Object.keys(access.tables ?? {}).length > 0) clients.push('dynamoDbDocument');
  if (access.sendEmail || access.sendBulkEmail) clients.push('sesV2');
  if (access.formChallenge) clients.push('formChallenge');
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
  formChallenge: {
    imports: `import { verifyFormChallenge } from '${join(import.meta.dirname, '..', 'functions', 'shared', 'forms', 'formChallenge.ts')}';`,
    create: 'verifyFormChallenge',
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

/** A bundle built: its size, where it is (when written) and the packages it holds. */
export interface BuiltBundle {
  /** Bytes of the .mjs alone, as Lambda loads it (its source map beside it is read only on errors). */
  readonly bytes: number;
  readonly file: string;
  /** npm packages with code in the bundle (`@aws-sdk/client-dynamodb`, `zod`…). */
  readonly packages: ReadonlySet<string>;
  /** Bytes of the project's JSON files in it (data, not code). */
  readonly dataBytes: number;
  /** Packages it imports without holding them (Node's built-ins aside): native addons shipped beside it. */
  readonly externals: ReadonlySet<string>;
}

/**
 * The bundles of `entries`, with the stack's settings (`esbuildOptions`), each as
 * `<name>/index.mjs`. The functions' are those the stack ships: the one build of every function
 * (`infra/functionBuild.ts`, an entry point each, no code splitting), made once and shared with
 * the CDK synth, not built again here. Each floor is built from its source in `outdir` (with its
 * source map, as the functions have theirs: the same comment line ends every bundle); with
 * `write: false` nothing touches the disk.
 */
export async function buildBundles(
  entries: readonly BundleEntry[],
  options: { readonly outdir: string; readonly write: boolean },
): Promise<Map<string, BuiltBundle>> {
  const built = new Map<string, BuiltBundle>();
  const record = (name: string, file: string, metafile: Metafile | undefined) => {
    // Output paths are relative to the working directory (the shared build's, to its folder).
    const found = Object.entries(metafile?.outputs ?? {}).find(
      ([path]) => path === `${name}/index.mjs` || path.endsWith(`/${name}/index.mjs`),
    )?.[1];
    if (!found) throw new Error(`esbuild wrote no module for ${name}`);
    const packages = new Set(
      Object.keys(found.inputs).flatMap(
        (path) => path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? [],
      ),
    );
    const dataBytes = Object.entries(found.inputs)
      .filter(([path]) => path.endsWith('.json') && !path.includes('node_modules/'))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    const externals = new Set(
      found.imports.filter((entry) => entry.external && !isBuiltin(entry.path)).map((entry) => entry.path),
    );
    built.set(name, { bytes: found.bytes, file, packages, dataBytes, externals });
  };
  const handlers = entries.filter((entry) => 'handler' in entry);
  if (handlers.length > 0) {
    const shared = functionBuild();
    for (const entry of handlers) {
      const declared = deployedFunctions.find((fn) => fn.name === entry.name);
      if (declared?.handler !== entry.handler)
        throw new Error(`${entry.name} (${entry.handler}) is not a function of the catalogue`);
      record(entry.name, join(shared.directory, entry.name, 'index.mjs'), shared.metafile);
    }
  }
  const fileOf = (name: string) => join(options.outdir, name, 'index.mjs');
  await Promise.all(
    entries.flatMap((entry) =>
      'source' in entry
        ? [
            (async () => {
              const result = await build({
                ...esbuildOptions('', fileOf(entry.name)),
                entryPoints: [],
                stdin: { contents: entry.source, resolveDir: root, loader: 'ts' },
                write: options.write,
                metafile: true,
              });
              record(entry.name, fileOf(entry.name), result.metafile);
            })(),
          ]
        : [],
    ),
  );
  return built;
}
