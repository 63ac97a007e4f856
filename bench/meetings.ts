import { greedyMeetings } from '../functions/meetings/greedyBaseline.ts';
import { type MeetingStats, meetingStats } from '../functions/meetings/meetingStats.ts';
import type {
  MeetingParticipant,
  MeetingRequest,
  MeetingSchedule,
} from '../functions/meetings/meetingTypes.ts';
import { scheduleMeetings } from '../functions/meetings/scheduleMeetings.ts';
import { median } from './stats.ts';

/**
 * `npm run bench -- --only meetings`: the business-meeting scheduler against the simple greedy
 * baseline (wishes in the order given, each in the first slot free for both) on the same seeded
 * requests: 300 participants (150 per side), 10 wishes each, some of them returned, 9 slots of
 * 20 minutes from 9:00 to 12:00, with 40 tables (fewer than wished meetings), 80, and one per
 * participant of side `a` (150).
 */
const seeds = [1, 2, 3];
const perSide = 150;
const wishesEach = 10;
const slots = 9;
/** Chance that a wish of side `b` returns one it received, when it can. */
const returnedShare = 0.4;

/** Mulberry32: a small seeded generator, for the same requests on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Most attend the whole morning; some arrive late or leave early; a few come and go. */
function availability(random: () => number): number[] {
  const all = Array.from({ length: slots }, (_, slot) => slot);
  const draw = random();
  if (draw < 0.7) return all;
  if (draw < 0.9) {
    const length = 5 + Math.floor(random() * 4);
    const start = random() < 0.5 ? 0 : slots - length;
    return all.slice(start, start + length);
  }
  return all.filter(() => random() < 0.65);
}

/** Distinct picks among `ids`, by weight (some participants are wanted by many). */
function weightedPicks(
  random: () => number,
  ids: readonly string[],
  weights: readonly number[],
  count: number,
  taken: Set<string>,
): string[] {
  const picks: string[] = [];
  while (picks.length < count && taken.size < ids.length) {
    let total = 0;
    ids.forEach((id, i) => {
      if (!taken.has(id)) total += weights[i] as number;
    });
    let target = random() * total;
    for (const [i, id] of ids.entries()) {
      if (taken.has(id)) continue;
      target -= weights[i] as number;
      if (target <= 0) {
        picks.push(id);
        taken.add(id);
        break;
      }
    }
  }
  return picks;
}

function request(seed: number, tables: number): MeetingRequest {
  const random = generator(seed);
  const sideA = Array.from({ length: perSide }, (_, i) => `acheteur-${String(i).padStart(3, '0')}`);
  const sideB = Array.from({ length: perSide }, (_, i) => `structure-${String(i).padStart(3, '0')}`);
  const popularity = () => Array.from({ length: perSide }, () => 1 / (1 + random() * 9) ** 1.5);
  const [weightsA, weightsB] = [popularity(), popularity()];
  const wishesOf = new Map<string, string[]>();
  const receivedBy = new Map<string, string[]>(sideB.map((id) => [id, []]));
  for (const id of sideA) {
    const wishes = weightedPicks(random, sideB, weightsB, wishesEach, new Set());
    wishesOf.set(id, wishes);
    for (const wished of wishes) receivedBy.get(wished)?.push(id);
  }
  for (const id of sideB) {
    const taken = new Set<string>();
    const received = [...(receivedBy.get(id) ?? [])];
    const wishes: string[] = [];
    while (wishes.length < wishesEach) {
      const returnable = received.filter((other) => !taken.has(other));
      const [pick] =
        returnable.length > 0 && random() < returnedShare
          ? [returnable[Math.floor(random() * returnable.length)] as string]
          : weightedPicks(random, sideA, weightsA, 1, taken);
      if (pick === undefined) break;
      taken.add(pick);
      wishes.push(pick);
    }
    wishesOf.set(id, wishes);
  }
  const participants: MeetingParticipant[] = [
    ...sideA.map((id) => ({ id, side: 'a' as const })),
    ...sideB.map((id) => ({ id, side: 'b' as const })),
  ].map(({ id, side }) => ({
    id,
    side,
    availableSlots: availability(random),
    wishes: wishesOf.get(id) ?? [],
  }));
  return { grid: { slots, tables }, participants };
}

function measure(
  schedule: (request: MeetingRequest) => MeetingSchedule,
  input: MeetingRequest,
  runs: number,
): { stats: MeetingStats; ms: number } {
  const times: number[] = [];
  let result: MeetingSchedule | undefined;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = schedule(input);
    times.push(performance.now() - started);
  }
  return { stats: meetingStats(input, result as MeetingSchedule), ms: median(times) };
}

const ratio = (x: number, y: number) => (x === 0 || y === 0 ? '—' : `${(x / y).toFixed(2)}×`);

for (const tables of [40, 80, perSide]) {
  console.log(
    `\nBusiness meetings: ${perSide * 2} participants, ${wishesEach} wishes each, ${slots} slots, ${tables} tables`,
  );
  const rows: string[][] = [];
  for (const seed of seeds) {
    const input = request(seed, tables);
    const scheduler = measure(scheduleMeetings, input, 9);
    const greedy = measure(greedyMeetings, input, 31);
    const { wishedPairs, mutualPairs, withoutMutualPair } = scheduler.stats;
    rows.push([
      `seed ${seed}: ${wishedPairs} wished pairs, ${mutualPairs} mutual; ${withoutMutualPair} in no mutual pair`,
      'scheduler',
      'greedy',
      'ratio',
    ]);
    const line = (label: string, pick: (stats: MeetingStats) => number, digits = 0) =>
      rows.push([
        `  ${label}`,
        pick(scheduler.stats).toFixed(digits),
        pick(greedy.stats).toFixed(digits),
        ratio(pick(scheduler.stats), pick(greedy.stats)),
      ]);
    line('meetings', (stats) => stats.meetings);
    line('mutual wishes met', (stats) => stats.mutualMet);
    line('participants without a meeting', (stats) => stats.withoutMeeting);
    line('fewest meetings per participant', (stats) => stats.minPerParticipant);
    line('most meetings per participant', (stats) => stats.maxPerParticipant);
    line('one-sided wishes met', (stats) => stats.oneSidedMet);
    line('mean rank of one-sided wishes met', (stats) => stats.meanOneSidedRank, 2);
    rows.push([
      '  time, median (ms)',
      scheduler.ms.toFixed(1),
      greedy.ms.toFixed(2),
      ratio(scheduler.ms, greedy.ms),
    ]);
  }
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number),
        )
        .join('  '),
    );
}
