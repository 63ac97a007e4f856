import type { SanityClient } from 'sanity';

/**
 * Reads what a view shows (`read`), and reads it again whenever the documents `filter` selects
 * change, for documents the backend writes (progress, counts, programmes). It also reads once
 * the listener is connected (`welcome`) and after a reconnection: a document written between the
 * first read and the connection, which an editor waits for (an exact count, a send's progress),
 * would otherwise be missed for good — on a loaded machine the connection can take seconds.
 * Only the latest read is shown (`show`), whatever order the answers come in; `failed` hears of
 * a read that failed. Answers the unsubscription.
 */
export function followDocuments<T>(
  client: SanityClient,
  filter: string,
  params: Record<string, unknown>,
  read: () => Promise<T>,
  show: (value: T) => void,
  failed: () => void = () => undefined,
): () => void {
  let latest = 0;
  const load = () => {
    const mine = ++latest;
    read().then(
      (value) => {
        if (mine === latest) show(value);
      },
      () => {
        if (mine === latest) failed();
      },
    );
  };
  load();
  const subscription = client
    .listen(filter, params, { visibility: 'query', events: ['welcome', 'mutation', 'reconnect'] })
    .subscribe({ next: load });
  return () => subscription.unsubscribe();
}
