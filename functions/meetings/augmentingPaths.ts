import type { MeetingGridState } from './meetingGridState.ts';
import type { CandidatePair } from './meetingPairs.ts';

/**
 * Augmenting paths within each slot that has a free table (Kuhn's bipartite matching): a
 * participant of side `a` free in the slot takes an unmet pair with someone of side `b`; if that
 * person already meets someone there, their meeting is dropped and its `a` participant looks in
 * turn for another unmet pair, and so on until someone free is reached. The slot gains a meeting;
 * the dropped ones are tried in other slots.
 *
 * With `mutualOnly`, the pairs taken are mutual and any meeting may be dropped: mutual meetings
 * grow. Otherwise any pair may be taken but only one-sided meetings dropped: mutual meetings stay,
 * meetings grow. Returns whether anything changed.
 */
export function augmentSlots(state: MeetingGridState, mutualOnly: boolean, depth: number): boolean {
  const { pairs, grid, available, sides } = state.prepared;
  const pairsOfA = available.map((): number[] => []);
  for (const [index, pair] of pairs.entries()) if (pair.mutual || !mutualOnly) pairsOfA[pair.a]?.push(index);
  const pairAt = (index: number) => pairs[index] as CandidatePair;
  for (const list of pairsOfA)
    list.sort(
      (x, y) =>
        Number(pairAt(y).mutual) - Number(pairAt(x).mutual) ||
        pairAt(x).rankScore - pairAt(y).rankScore ||
        x - y,
    );
  let changed = false;
  for (let slot = 0; slot < grid.slots; slot++) {
    const visited = new Uint8Array(sides.length);
    const added: number[] = [];
    const dropped: number[] = [];
    const search = (a: number): boolean => {
      for (const index of pairsOfA[a] ?? []) {
        const { b } = pairAt(index);
        if (visited[b] || state.isMet(index) || !available[b]?.[slot]) continue;
        visited[b] = 1;
        const taken = state.meetingAt(b, slot);
        if (taken >= 0 && !mutualOnly && pairAt(taken).mutual) continue;
        if (taken < 0 || search(pairAt(taken).a)) {
          added.push(index);
          if (taken >= 0) dropped.push(taken);
          return true;
        }
      }
      return false;
    };
    for (let a = 0; a < sides.length && !state.isFull(slot); a++) {
      if (sides[a] !== 'a' || !available[a]?.[slot] || state.meetingAt(a, slot) >= 0) continue;
      visited.fill(0);
      added.length = 0;
      dropped.length = 0;
      if (!search(a)) continue;
      for (const index of dropped) state.remove(index);
      for (const index of added) state.place(index, slot);
      for (const index of dropped) state.tryPlace(index, depth);
      changed = true;
    }
  }
  state.commit();
  return changed;
}
