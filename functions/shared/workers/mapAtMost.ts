/** `work` on every item, at most `limit` at once, answers in the items' order. */
export async function mapAtMost<Item, Answer>(
  limit: number,
  items: readonly Item[],
  work: (item: Item) => Promise<Answer>,
): Promise<Answer[]> {
  const answers: Answer[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++)
      answers[index] = await work(items[index] as Item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return answers;
}
