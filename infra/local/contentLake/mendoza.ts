/**
 * A mendoza encoder: the patches the Content Lake puts in listener events (`effects`) and
 * history transactions, which the Studio applies with the `mendoza` package (decoder only).
 * Objects are diffed field by field, recursively; any other change (arrays, strings, numbers,
 * a change of type) carries the new value whole. That is a valid mendoza patch, larger than
 * the Content Lake's for long arrays and strings, and decoded identically.
 */

// Opcodes, in the order of mendoza's OPS table.
const Value = 0;
const PushFieldCopy = 10;
const ReturnIntoObjectSameKeyPop = 15;
const ObjectSetFieldValue = 17;
const ObjectDeleteField = 19;

export type MendozaPatch = unknown[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The patch that turns `left` into `right` (`null`: no document). */
export function mendozaPatch(left: unknown, right: unknown): MendozaPatch {
  if (isObject(left) && isObject(right)) return objectPatch(left, right);
  if (deepEqual(left, right)) return [];
  return [Value, right ?? null];
}

/** The operations that turn the object on top of the stacks (a copy of `left`) into `right`. */
function objectPatch(left: Record<string, unknown>, right: Record<string, unknown>): MendozaPatch {
  const patch: MendozaPatch = [];
  // Fields are addressed by their index among the input object's keys, sorted.
  const leftKeys = Object.keys(left).sort();
  leftKeys.forEach((key, index) => {
    if (!Object.hasOwn(right, key)) patch.push(ObjectDeleteField, index);
  });
  for (const key of Object.keys(right)) {
    const index = leftKeys.indexOf(key);
    const next = right[key];
    if (index < 0) {
      patch.push(ObjectSetFieldValue, next, key);
      continue;
    }
    const previous = left[key];
    if (deepEqual(previous, next)) continue;
    if (isObject(previous) && isObject(next))
      patch.push(PushFieldCopy, index, ...objectPatch(previous, next), ReturnIntoObjectSameKeyPop);
    else patch.push(ObjectSetFieldValue, next, key);
  }
  return patch;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

/** The effects of one change of a document, as listener events and history carry them. */
export function mendozaEffects(
  before: object | null,
  after: object | null,
): { apply: MendozaPatch; revert: MendozaPatch } {
  return { apply: mendozaPatch(before, after), revert: mendozaPatch(after, before) };
}
