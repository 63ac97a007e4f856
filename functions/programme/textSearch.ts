/** Lower case, without accents: "Épargne" and "epargne" are the same word to a visitor. */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const words = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

export interface SearchableEvent {
  readonly _id: string;
  readonly title: string | null;
  readonly summary: string | null;
  readonly venue?: { readonly city?: string | null } | null;
}

/** The words of an event a visitor may search for: its title, summary and town, folded. */
export const searchableWords = (event: SearchableEvent): string[] =>
  words(`${event.title ?? ''} ${event.summary ?? ''} ${event.venue?.city ?? ''}`);

/** The words of a query, folded; empty when it has none. */
export const queryWords = (query: string | undefined): string[] => words(query ?? '');

/**
 * Whether an event's words contain every word of the query, each as the start of a word
 * ("coop lyon" finds "Coopérative … à Lyon").
 */
export const matchesEveryWord = (eventWords: readonly string[], wanted: readonly string[]): boolean =>
  wanted.every((word) => eventWords.some((candidate) => candidate.startsWith(word)));

/** Ids of the events that match the query (`matchesEveryWord`); null when the query has no word. */
export function searchEvents(events: readonly SearchableEvent[], query: string | undefined): string[] | null {
  const wanted = queryWords(query);
  if (wanted.length === 0) return null;
  return events.filter((event) => matchesEveryWord(searchableWords(event), wanted)).map((event) => event._id);
}
