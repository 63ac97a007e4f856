/**
 * A value made on its first use, not at import: what a cold start need not pay for a request that
 * never uses it (`Intl` formats and collators, whose first one loads ICU's locale and time zone
 * data, some 20 ms of CPU; request schemas, whose building is most of a handler's module code).
 * Without side effects: a bundle drops those it does not use.
 */
/* @__NO_SIDE_EFFECTS__ */
export function madeOnFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}
