import { byPriority, type CandidatePair, prepareMeetings, wishedPair } from './meetingPairs.ts';
import type { MeetingRequest, MeetingSchedule, ScheduledMeeting } from './meetingTypes.ts';

/**
 * The simple way, as a spreadsheet would be filled: the wishes in the order of the request
 * (participant by participant, each one's by rank), each given the first slot and table free for
 * both, if any. Same invariants as `scheduleMeetings`, no priorities: the benchmark's and the
 * tests' baseline.
 */
export function greedyMeetings(request: MeetingRequest): MeetingSchedule {
  const prepared = prepareMeetings(request);
  const { grid, pairs, pairIndex, indexOf } = prepared;
  const participants = prepared.ids.length;
  const busy = new Uint8Array(participants * grid.slots);
  const load = new Int32Array(grid.slots);
  const met = new Uint8Array(pairs.length);
  const meetings: ScheduledMeeting[] = [];
  for (const participant of request.participants) {
    const self = indexOf.get(participant.id) as number;
    for (const wished of participant.wishes) {
      const other = indexOf.get(wished);
      if (other === undefined) continue;
      const key = participant.side === 'a' ? self * participants + other : other * participants + self;
      const index = pairIndex.get(key);
      if (index === undefined || met[index]) continue;
      const pair = pairs[index] as CandidatePair;
      const slot = pair.slots.find(
        (slot) =>
          (load[slot] as number) < grid.tables &&
          !busy[pair.a * grid.slots + slot] &&
          !busy[pair.b * grid.slots + slot],
      );
      if (slot === undefined) continue;
      met[index] = 1;
      busy[pair.a * grid.slots + slot] = 1;
      busy[pair.b * grid.slots + slot] = 1;
      meetings.push({ ...wishedPair(prepared, pair), slot, table: load[slot] as number });
      load[slot] = (load[slot] as number) + 1;
    }
  }
  meetings.sort((x, y) => x.slot - y.slot || x.table - y.table);
  const unmet = byPriority(prepared)
    .filter((index) => !met[index])
    .map((index) => wishedPair(prepared, pairs[index] as CandidatePair));
  return { meetings, unmet };
}
