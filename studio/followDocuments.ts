import type { SanityClient } from 'sanity';

/**
 * Loads what a view shows and loads it again whenever the documents `filter` selects change,
 * for documents the backend writes (progress, counts, programmes). `load` also runs once the
 * listener is connected (`welcome`) and after a reconnection: a document written between the
 * first load and the connection, which an editor waits for (an exact count, a send's progress),
 * is otherwise missed for good — on a loaded machine the connection can take seconds.
 * Answers the unsubscription.
 */
export function followDocuments(
  client: SanityClient,
  filter: string,
  params: Record<string, unknown>,
  load: () => void,
): () => void {
  load();
  const subscription = client
    .listen(filter, params, { visibility: 'query', events: ['welcome', 'mutation', 'reconnect'] })
    .subscribe({ next: () => load() });
  return () => subscription.unsubscribe();
}
