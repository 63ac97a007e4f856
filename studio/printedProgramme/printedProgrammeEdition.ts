import { useEffect, useState } from 'react';
import { useClient } from 'sanity';
import { printedProgrammesQuery } from '../../functions/printedProgramme/editionsQuery.ts';
import { followDocuments } from '../followDocuments.ts';

/** One printed programme the backend made and kept (`functions/printedProgramme/programmeFiles.ts`). */
export interface PrintedProgrammeEdition {
  _id: string;
  fileUrl: string;
  generatedAt: string;
  deadline: string;
  closedOn: string;
  /** INSEE code and name of the region of a per-region booklet; null for the national one. */
  region: string | null;
  regionName: string | null;
  pages: number;
  events: number;
  snapshotTakenAt: string | null;
  trigger: 'deadline' | 'studio';
  requestedBy: string | null;
}

/** The programme recorded when the deadline passed (`functions/printedProgramme/programmeSnapshot.ts`). */
export interface PrintedProgrammeSnapshot {
  deadline: string;
  takenAt: string;
  events: number;
}

export interface PrintedProgrammes {
  editions: PrintedProgrammeEdition[];
  snapshots: PrintedProgrammeSnapshot[];
}

/** The campaign's printed programmes, live; `undefined` while loading. */
export function usePrintedProgrammes(campaignId: string): PrintedProgrammes | undefined {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [programmes, setProgrammes] = useState<PrintedProgrammes | undefined>(undefined);
  useEffect(() => {
    const id = campaignId.replace(/^drafts\./, '');
    return followDocuments(
      client,
      '*[_type in ["printedProgrammeEdition", "printedProgrammeSnapshot"] && campaignId == $id]',
      { id },
      () => client.fetch<PrintedProgrammes>(printedProgrammesQuery, { id }),
      setProgrammes,
      () => setProgrammes({ editions: [], snapshots: [] }),
    );
  }, [client, campaignId]);
  return programmes;
}
