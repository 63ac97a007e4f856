import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedFunctions, fallbackRoute } from '../../functions/catalogue.ts';
import {
  type BuiltBundle,
  buildBundles,
  bundleAllowanceBytes,
  floorEntry,
  floorName,
  functionEntry,
  sdkClientsOf,
  withinBudget,
} from '../../infra/bundleBudgets.ts';

/**
 * Every function, from the one build the CDK stack ships (`infra/functionBuild.ts`: made by
 * whichever of this file and the stack's test needs it first, or reused while its inputs are
 * unchanged), and every floor, built here with the same settings.
 */
let bundles: Map<string, BuiltBundle>;
const bundleOf = (name: string): BuiltBundle => {
  const bundle = bundles.get(name);
  if (!bundle) throw new Error(`No bundle for ${name}`);
  return bundle;
};

beforeAll(async () => {
  const floors = new Map(deployedFunctions.map((fn) => [floorName(sdkClientsOf(fn.access)), fn.access]));
  bundles = await buildBundles(
    [
      ...[...floors.values()].map((access) => floorEntry(sdkClientsOf(access))),
      ...deployedFunctions.map(functionEntry),
    ],
    { outdir: join(tmpdir(), 'essaim-bundle-test'), write: false },
  );
}, 360_000);

describe('function bundles (esbuild, the stack’s settings)', () => {
  it('are measured as the files the stack ships (the .mjs alone, source map beside it)', () => {
    for (const fn of deployedFunctions) {
      const { bytes, file } = bundleOf(fn.name);
      expect(statSync(file).size, fn.name).toBe(bytes);
      expect(statSync(`${file}.map`).size, fn.name).toBeGreaterThan(0);
    }
  });

  it('stay within their floor (a bundle of the AWS SDK clients their manifest implies) + 150 KiB', () => {
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    const over = deployedFunctions.flatMap((fn) => {
      const bundle = bundleOf(fn.name);
      const floor = bundleOf(floorEntry(sdkClientsOf(fn.access)).name);
      return withinBudget(bundle, floor)
        ? []
        : [
            `${fn.name}: ${kib(bundle.bytes - bundle.dataBytes)} of code, budget ${kib(floor.bytes + bundleAllowanceBytes)} (floor ${floorName(sdkClientsOf(fn.access))})`,
          ];
    });
    expect(over).toEqual([]);
  });

  it('leave native addons out: only a function that declares one imports it, from beside its bundle', () => {
    for (const fn of deployedFunctions) {
      const { externals, packages } = bundleOf(fn.name);
      expect([...externals], fn.name).toEqual(fn.nativeAddon ? [fn.nativeAddon.packages[0]] : []);
      for (const name of fn.nativeAddon?.packages ?? []) expect(packages.has(name), fn.name).toBe(false);
    }
    expect(deployedFunctions.filter((fn) => fn.nativeAddon).length).toBeGreaterThan(0);
  });

  it('leave MJML’s compiler and html-to-text to the tests: no function ships them', () => {
    for (const fn of deployedFunctions)
      for (const reference of ['mjml-browser', 'html-to-text', 'cheerio', 'htmlparser2'])
        expect(bundleOf(fn.name).packages.has(reference), `${fn.name} bundles ${reference}`).toBe(false);
  });

  it('carry only the AWS SDK clients their manifest implies, and no SSM or Sanity client', () => {
    for (const fn of deployedFunctions) {
      const { packages } = bundleOf(fn.name);
      const clients = sdkClientsOf(fn.access);
      expect(packages.has('@aws-sdk/client-sesv2'), fn.name).toBe(clients.includes('sesV2'));
      expect(packages.has('@aws-sdk/client-dynamodb'), fn.name).toBe(clients.includes('dynamoDbDocument'));
      for (const heavy of ['@aws-sdk/client-ssm', '@sanity/client', 'rxjs'])
        expect(packages.has(heavy), `${fn.name} bundles ${heavy}`).toBe(false);
    }
    expect(sdkClientsOf(fallbackRoute.access)).toEqual([]);
  });
});
