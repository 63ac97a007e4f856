import { useEffect, useState } from 'react';
import { useClient } from 'sanity';

/** What the backend records of a campaign's latest printed programme (`functions/printedProgramme/programmeFiles.ts`). */
export interface PrintedProgrammeEdition {
  fileUrl: string;
  generatedAt: string;
  deadline: string;
  closedOn: string;
  pages: number;
  events: number;
  trigger: 'deadline' | 'studio';
  requestedBy: string | null;
}

export const printedProgrammeEditionId = (campaignId: string) =>
  `essaim-private.printedProgramme.${campaignId.replace(/^drafts\./, '')}`;

/**
 * The campaign's latest printed programme, live: on a private path, which only Studio users
 * (with their session) can read; `undefined` while loading, `null` before the first.
 */
export function usePrintedProgramme(campaignId: string): PrintedProgrammeEdition | null | undefined {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [edition, setEdition] = useState<PrintedProgrammeEdition | null | undefined>(undefined);
  useEffect(() => {
    const id = printedProgrammeEditionId(campaignId);
    const load = () =>
      client
        .fetch<PrintedProgrammeEdition | null>('*[_id == $id][0]', { id })
        .then(setEdition, () => setEdition(null));
    void load();
    const subscription = client
      .listen('*[_id == $id]', { id }, { visibility: 'query' })
      .subscribe({ next: () => void load() });
    return () => subscription.unsubscribe();
  }, [client, campaignId]);
  return edition;
}
