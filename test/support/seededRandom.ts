/**
 * A small seeded generator for tests that compare with a reference on random inputs: the same
 * cases at every run, so a failure is reproduced by running the test again.
 */
export function seededRandom(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** A text of up to `max` pieces. */
  const textOf = (pieces: readonly string[], max: number) =>
    Array.from({ length: Math.floor(next() * max) }, () => pick(pieces)).join('');
  return { next, pick, textOf };
}
