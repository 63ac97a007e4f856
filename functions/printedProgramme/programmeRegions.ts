import { frenchRegions } from '../programme/vocabulary.ts';
import type { ProgrammeEvent } from './programmeContent.ts';

/** The region a per-region booklet prints: its official (INSEE) code and its name. */
export interface PrintedRegionScope {
  readonly code: string;
  readonly name: string;
}

/**
 * The region of an INSEE code (`53`, `84`, `01`…), as the programme's vocabulary names it; null
 * for the national booklet (no code); undefined for a code that is no region's.
 */
export function regionScope(code: string | null | undefined): PrintedRegionScope | null | undefined {
  const wanted = code?.trim();
  if (!wanted) return null;
  const found = frenchRegions.find((region) => region.code === wanted);
  return found ? { code: found.code, name: found.name } : undefined;
}

/** The events of one region, or all of them for the national booklet. */
export const eventsInScope = (
  events: readonly ProgrammeEvent[],
  region: PrintedRegionScope | null,
): readonly ProgrammeEvent[] =>
  region ? events.filter((event) => event.region?.code === region.code) : events;

/** The file's name: `programme-mois-ess-2027-2027-09-12.pdf`, `programme-mois-ess-2027-region-53-2027-09-12.pdf`. */
export const bookletFilename = (slug: string, region: PrintedRegionScope | null, closedOn: string): string =>
  `programme-${slug}${region ? `-region-${region.code}` : ''}-${closedOn}.pdf`;
