/** Lower case, without accents: "Épargne" and "epargne" are the same word to a visitor. */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const words = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

export interface SearchableEvent {
  readonly _id: string;
  readonly title: string | null;
  readonly summary: string | null;
  readonly city: string | null;
}

/**
 * Ids of the events whose title, summary or town contain every word of the query, each as the
 * start of a word ("coop lyon" finds "Coopérative … à Lyon"); null when the query has no word.
 */
export function searchEvents(events: readonly SearchableEvent[], query: string | undefined): string[] | null {
  const wanted = words(query ?? '');
  if (wanted.length === 0) return null;
  return events
    .filter((event) => {
      const text = words(`${event.title ?? ''} ${event.summary ?? ''} ${event.city ?? ''}`);
      return wanted.every((word) => text.some((candidate) => candidate.startsWith(word)));
    })
    .map((event) => event._id);
}
