import { readFile } from 'node:fs/promises';
import { communesIndexFile } from './communesIndexFile.ts';

/** A current commune of France, as a place of an event is chosen from its postcode. */
export interface Commune {
  /** Its INSEE code (`35238`, `2A004`, `97411`). */
  readonly code: string;
  readonly name: string;
  /** Department and region (INSEE codes), derived from the commune: never typed by anyone. */
  readonly departmentCode: string;
  readonly regionCode: string;
}

interface CommunesIndex {
  readonly regionsByDepartment: Readonly<Record<string, string>>;
  readonly communesByPostcode: Readonly<Record<string, readonly (readonly [string, string])[]>>;
}

/** A commune's department: two characters (`35`, `2A`), three overseas (`974`). */
export const departmentOf = (inseeCode: string): string =>
  inseeCode.startsWith('97') ? inseeCode.slice(0, 3) : inseeCode.slice(0, 2);

/** The lookup over an index (pure: tests give it a small one). */
export function communesFinder(index: CommunesIndex) {
  return (postcode: string): Commune[] => {
    if (!/^\d{5}$/.test(postcode) || !Object.hasOwn(index.communesByPostcode, postcode)) return [];
    return (index.communesByPostcode[postcode] ?? []).map(([code, name]) => {
      const departmentCode = departmentOf(code);
      return { code, name, departmentCode, regionCode: index.regionsByDepartment[departmentCode] ?? '' };
    });
  };
}

let loading: Promise<(postcode: string) => Commune[]> | undefined;

/**
 * The communes of a postcode, sorted by name (none for an unknown or malformed one). The index
 * (`communesByPostcode.json`, 1 MB) is read from beside the module, or the bundle, at the first
 * call of a container, then kept.
 */
export async function communesOfPostcode(postcode: string): Promise<Commune[]> {
  loading ??= readFile(communesIndexFile, 'utf8').then((text) => communesFinder(JSON.parse(text)));
  loading.catch(() => {
    loading = undefined;
  });
  return (await loading)(postcode);
}
