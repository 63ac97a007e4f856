import { readContent } from '../shared/content/contentReader.ts';
import { subscriptionListsQuery } from './queries.ts';

export interface SubscriptionList {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly public: boolean;
}

/** The lists editors manage in the Studio (`subscriptionList`), public ones first for the form. */
export async function currentSubscriptionLists(): Promise<SubscriptionList[]> {
  const { value } = await readContent(subscriptionListsQuery, {});
  return (
    value as { id: string | null; title: string | null; description?: string | null; public: boolean }[]
  )
    .filter((list): list is typeof list & { id: string } => Boolean(list.id))
    .map((list) => ({
      id: list.id,
      title: list.title ?? list.id,
      description: list.description ?? null,
      public: list.public,
    }));
}

/** Ids a visitor may choose on the public form; the preference page may keep non-public ones they have. */
export const publicListIds = (lists: readonly SubscriptionList[]): string[] =>
  lists.filter((list) => list.public).map((list) => list.id);

/** The lists a subscriber may choose: the public ones, and those editors gave them (kept, never offered). */
export const listsOpenTo = (
  lists: readonly SubscriptionList[],
  subscription: { readonly lists: readonly string[] },
): SubscriptionList[] => lists.filter((list) => list.public || subscription.lists.includes(list.id));
