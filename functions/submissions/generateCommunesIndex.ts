/**
 * Writes `communesByPostcode.json`, the compact index behind `GET /communes` and the place of
 * an event submitted on site: for each postcode, its current communes (`commune-actuelle`: no
 * delegated or associated commune, no municipal district) with their INSEE code and name, and
 * the region of each department. From `@etalab/decoupage-administratif` (the state's own data,
 * Licence Ouverte), a devDependency: the 8 MB source never reaches a function.
 *
 *   npx node functions/submissions/generateCommunesIndex.ts
 *
 * Run it again after updating the package; a unit test checks the committed file matches.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { communesIndexFile } from './communesIndexFile.ts';

interface SourceCommune {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
  readonly departement: string;
  readonly region: string;
  readonly codesPostaux?: readonly string[];
}

const require = createRequire(import.meta.url);

/** The index as committed: postcodes and departments sorted, so a regeneration diffs cleanly. */
export function communesIndex(): string {
  const packageJson = require.resolve('@etalab/decoupage-administratif/package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as SourceCommune[];
  const byPostcode = new Map<string, [string, string][]>();
  const regionsByDepartment = new Map<string, string>();
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle') continue;
    regionsByDepartment.set(commune.departement, commune.region);
    for (const postcode of commune.codesPostaux ?? []) {
      const list = byPostcode.get(postcode) ?? [];
      list.push([commune.code, commune.nom]);
      byPostcode.set(postcode, list);
    }
  }
  const sorted = <V>(map: Map<string, V>) =>
    Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const list of byPostcode.values()) list.sort(([, a], [, b]) => a.localeCompare(b, 'fr'));
  return `${JSON.stringify({
    source: `@etalab/decoupage-administratif ${version} (Licence Ouverte 2.0)`,
    regionsByDepartment: sorted(regionsByDepartment),
    communesByPostcode: sorted(byPostcode),
  })}\n`;
}

if (import.meta.main) {
  writeFileSync(communesIndexFile, communesIndex());
  console.log(`Wrote ${communesIndexFile}`);
}
