import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyMeetings } from '../../functions/meetings/greedyBaseline.ts';
import type {
  MeetingParticipant,
  MeetingRequest,
  MeetingSchedule,
  ScheduledMeeting,
  WishedPair,
} from '../../functions/meetings/meetingTypes.ts';
import { scheduleMeetings } from '../../functions/meetings/scheduleMeetings.ts';

/**
 * Small random requests, with the noise real ones have: wishes for unknown ids, for one's own
 * side, repeated; slots outside the grid; participants nobody wants; fewer tables than people.
 */
const requests: fc.Arbitrary<MeetingRequest> = fc
  .record({
    slots: fc.integer({ min: 1, max: 5 }),
    tables: fc.integer({ min: 0, max: 4 }),
    sideA: fc.integer({ min: 1, max: 7 }),
    sideB: fc.integer({ min: 1, max: 7 }),
  })
  .chain(({ slots, tables, sideA, sideB }) => {
    const ids = [
      ...Array.from({ length: sideA }, (_, i) => ({ id: `a${i}`, side: 'a' as const })),
      ...Array.from({ length: sideB }, (_, i) => ({ id: `b${i}`, side: 'b' as const })),
    ];
    const wishable = [...ids.map(({ id }) => id), 'ghost'];
    return fc
      .tuple(
        ...ids.map(({ id, side }) =>
          fc.record({
            id: fc.constant(id),
            side: fc.constant(side),
            availableSlots: fc.uniqueArray(fc.integer({ min: 0, max: slots }), { maxLength: slots + 1 }),
            // Mostly the other side, sometimes noise.
            wishes: fc.array(
              fc.oneof(
                {
                  weight: 4,
                  arbitrary: fc.constantFrom(
                    ...ids.filter((other) => other.side !== side).map((other) => other.id),
                  ),
                },
                { weight: 1, arbitrary: fc.constantFrom(...wishable) },
              ),
              { maxLength: 6 },
            ),
          }),
        ),
      )
      .map((participants): MeetingRequest => ({ grid: { slots, tables }, participants }));
  });

/** The wished pairs of a request, computed here independently of the scheduler. */
function wishedPairs(request: MeetingRequest): Map<string, WishedPair> {
  const sideOf = new Map(request.participants.map((participant) => [participant.id, participant.side]));
  const ranks = new Map<string, { byA: number | null; byB: number | null; a: string; b: string }>();
  for (const participant of request.participants) {
    const kept = [...new Set(participant.wishes)].filter((id) => {
      const side = sideOf.get(id);
      return side !== undefined && side !== participant.side;
    });
    kept.forEach((other, index) => {
      const [a, b] = participant.side === 'a' ? [participant.id, other] : [other, participant.id];
      const entry = ranks.get(`${a}|${b}`) ?? { a, b, byA: null, byB: null };
      if (participant.side === 'a') entry.byA = index + 1;
      else entry.byB = index + 1;
      ranks.set(`${a}|${b}`, entry);
    });
  }
  return new Map(
    [...ranks].map(([key, { a, b, byA, byB }]) => [
      key,
      { a, b, rankByA: byA, rankByB: byB, kind: byA !== null && byB !== null ? 'mutual' : 'one-sided' },
    ]),
  );
}

const key = (pair: { a: string; b: string }) => `${pair.a}|${pair.b}`;

/** The hard invariants; the schedule's meetings and unmet pairs are exactly the wished pairs. */
function expectValid(request: MeetingRequest, schedule: MeetingSchedule): void {
  const { slots, tables } = request.grid;
  const byId = new Map(request.participants.map((participant) => [participant.id, participant]));
  const wished = wishedPairs(request);
  const seen = new Set<string>();
  const busy = new Set<string>();
  const tablesUsed = new Set<string>();
  for (const meeting of schedule.meetings) {
    const a = byId.get(meeting.a) as MeetingParticipant;
    const b = byId.get(meeting.b) as MeetingParticipant;
    expect([a.side, b.side]).toEqual(['a', 'b']);
    expect(Number.isInteger(meeting.slot) && meeting.slot >= 0 && meeting.slot < slots).toBe(true);
    expect(Number.isInteger(meeting.table) && meeting.table >= 0 && meeting.table < tables).toBe(true);
    expect(a.availableSlots).toContain(meeting.slot);
    expect(b.availableSlots).toContain(meeting.slot);
    for (const id of [meeting.a, meeting.b]) {
      expect(busy.has(`${id}@${meeting.slot}`)).toBe(false);
      busy.add(`${id}@${meeting.slot}`);
    }
    expect(tablesUsed.has(`${meeting.table}@${meeting.slot}`)).toBe(false);
    tablesUsed.add(`${meeting.table}@${meeting.slot}`);
    expect(seen.has(key(meeting))).toBe(false);
    seen.add(key(meeting));
    const { slot: _slot, table: _table, ...pair } = meeting;
    expect(pair).toEqual(wished.get(key(meeting)));
  }
  for (const pair of schedule.unmet) {
    expect(seen.has(key(pair))).toBe(false);
    seen.add(key(pair));
    expect(pair).toEqual(wished.get(key(pair)));
  }
  expect(seen.size).toBe(wished.size);
}

/** The grid of a schedule, to ask what could still change in it. */
function gridOf(request: MeetingRequest, schedule: MeetingSchedule) {
  const available = new Map(request.participants.map((p) => [p.id, new Set(p.availableSlots)]));
  const meetingAt = new Map<string, ScheduledMeeting>();
  const inSlot = new Map<number, ScheduledMeeting[]>();
  const count = new Map<string, number>();
  for (const meeting of schedule.meetings) {
    for (const id of [meeting.a, meeting.b]) {
      meetingAt.set(`${id}@${meeting.slot}`, meeting);
      count.set(id, (count.get(id) ?? 0) + 1);
    }
    inSlot.set(meeting.slot, [...(inSlot.get(meeting.slot) ?? []), meeting]);
  }
  return {
    available: (id: string, slot: number) => available.get(id)?.has(slot) ?? false,
    commonSlots: (pair: WishedPair) =>
      Array.from({ length: request.grid.slots }, (_, slot) => slot).filter(
        (slot) => available.get(pair.a)?.has(slot) && available.get(pair.b)?.has(slot),
      ),
    at: (id: string, slot: number) => meetingAt.get(`${id}@${slot}`),
    inSlot: (slot: number) => inSlot.get(slot) ?? [],
    full: (slot: number) => (inSlot.get(slot) ?? []).length >= request.grid.tables,
    count: (id: string) => count.get(id) ?? 0,
  };
}

const mutualMet = (schedule: MeetingSchedule) =>
  schedule.meetings.filter((meeting) => meeting.kind === 'mutual').length;

// Property runs take a second or two alone, more beside the other test processes.
describe('business-meeting scheduler', { timeout: 30_000 }, () => {
  it('keeps the invariants, on any request', () => {
    fc.assert(
      fc.property(requests, (request) => {
        expectValid(request, scheduleMeetings(request));
        expectValid(request, greedyMeetings(request));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no wished pair out that could still be added as the grid is', () => {
    fc.assert(
      fc.property(requests, (request) => {
        const schedule = scheduleMeetings(request);
        const grid = gridOf(request, schedule);
        for (const pair of schedule.unmet)
          for (const slot of grid.commonSlots(pair))
            expect(!grid.full(slot) && !grid.at(pair.a, slot) && !grid.at(pair.b, slot)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets one-sided meetings keep a mutual pair out', () => {
    // For an unmet mutual pair and each slot both can attend: something mutual is in the way (a
    // meeting of one of the two, or a slot full of mutual meetings). Otherwise, dropping the one-sided
    // meetings in its way would let the mutual pair meet there.
    fc.assert(
      fc.property(requests, (request) => {
        const schedule = scheduleMeetings(request);
        const grid = gridOf(request, schedule);
        for (const pair of schedule.unmet.filter((unmet) => unmet.kind === 'mutual'))
          for (const slot of grid.commonSlots(pair)) {
            const blockers = [grid.at(pair.a, slot), grid.at(pair.b, slot)].filter((meeting) => meeting);
            const mutualInTheWay =
              blockers.length > 0
                ? blockers.some((meeting) => meeting?.kind === 'mutual')
                : grid.full(slot) && grid.inSlot(slot).every((meeting) => meeting.kind === 'mutual');
            expect(mutualInTheWay).toBe(true);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no augmenting path of mutual pairs in a slot with a free table', () => {
    // Within one slot, meetings are a matching between the two sides. An alternating path from
    // someone of side a free in the slot, through unmet mutual pairs and the slot's meetings, to
    // someone of side b free in the slot would let the slot hold one more mutual meeting.
    fc.assert(
      fc.property(requests, (request) => {
        const schedule = scheduleMeetings(request);
        const grid = gridOf(request, schedule);
        const unmetMutual = schedule.unmet.filter((pair) => pair.kind === 'mutual');
        const sides = request.participants.filter((p) => p.side === 'a').map((p) => p.id);
        for (let slot = 0; slot < request.grid.slots; slot++) {
          if (grid.full(slot)) continue;
          const reached = new Set<string>();
          const frontier = sides.filter((a) => grid.available(a, slot) && !grid.at(a, slot));
          while (frontier.length > 0) {
            const a = frontier.pop() as string;
            for (const pair of unmetMutual) {
              if (pair.a !== a || reached.has(pair.b) || !grid.available(pair.b, slot)) continue;
              reached.add(pair.b);
              const taken = grid.at(pair.b, slot);
              expect(taken, `augmenting path to ${pair.b} in slot ${slot}`).toBeDefined();
              if (taken) frontier.push(taken.a);
            }
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('meets more mutual wishes than the greedy baseline on a fixed sample, and rarely fewer on one request', () => {
    // Scheduling is NP-hard (a list edge colouring): no fast scheduler beats every other on every
    // request, and searches of some 40,000 random requests found about one in 10,000 where the
    // greedy baseline met one mutual wish more. Hence a fixed sample (346 against 276, none fewer,
    // when written) rather than a property.
    const sample = fc.sample(requests, { seed: 20271115, numRuns: 500 });
    let scheduler = 0;
    let greedy = 0;
    let fewer = 0;
    for (const request of sample) {
      const ours = mutualMet(scheduleMeetings(request));
      const theirs = mutualMet(greedyMeetings(request));
      scheduler += ours;
      greedy += theirs;
      if (ours < theirs) fewer++;
    }
    expect(scheduler).toBeGreaterThan(greedy);
    expect(fewer).toBeLessThanOrEqual(2);
  });

  it('spreads meetings: no swap of the same kind would give one to someone with two fewer', () => {
    fc.assert(
      fc.property(requests, (request) => {
        const schedule = scheduleMeetings(request);
        const grid = gridOf(request, schedule);
        for (const pair of schedule.unmet)
          for (const slot of grid.commonSlots(pair))
            for (const [x, y] of [
              [pair.a, pair.b],
              [pair.b, pair.a],
            ] as const) {
              if (grid.at(x, slot)) continue;
              const taken = grid.at(y, slot);
              if (taken) {
                // y's one-sided meeting could go to x instead: its other participant has no more than one more.
                const other = taken.a === y ? taken.b : taken.a;
                if (taken.kind === 'one-sided')
                  expect(grid.count(other)).toBeLessThanOrEqual(grid.count(x) + 1);
              } else if (grid.full(slot))
                for (const meeting of grid.inSlot(slot).filter((m) => m.kind === pair.kind))
                  expect(grid.count(meeting.a) + grid.count(meeting.b)).toBeLessThanOrEqual(
                    grid.count(x) + grid.count(y) + 2,
                  );
            }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same schedule for the same request, whatever the order of participants', () => {
    fc.assert(
      fc.property(requests, fc.integer({ min: 0, max: 13 }), (request, shift) => {
        const schedule = scheduleMeetings(request);
        expect(scheduleMeetings(request)).toEqual(schedule);
        const { participants } = request;
        const rotated = [
          ...participants.slice(shift % participants.length),
          ...participants.slice(0, shift % participants.length),
        ];
        expect(scheduleMeetings({ ...request, participants: rotated.reverse() })).toEqual(schedule);
      }),
      { numRuns: 300 },
    );
  });

  it('puts a mutual wish before a better-ranked one-sided one, and spreads the rest (an example)', () => {
    const request: MeetingRequest = {
      grid: { slots: 2, tables: 1 },
      participants: [
        { id: 'acheteur-1', side: 'a', availableSlots: [0, 1], wishes: ['fournisseur-1', 'fournisseur-2'] },
        { id: 'acheteur-2', side: 'a', availableSlots: [0, 1], wishes: ['fournisseur-1'] },
        { id: 'fournisseur-1', side: 'b', availableSlots: [0, 1], wishes: ['acheteur-2', 'inconnu'] },
        { id: 'fournisseur-2', side: 'b', availableSlots: [1, 7], wishes: ['fournisseur-1'] },
      ],
    };
    // Two places in all. The mutual pair first; then acheteur-1, who has nothing yet, meets
    // fournisseur-2 (who has nothing either) rather than the busier fournisseur-1, ranked first.
    expect(scheduleMeetings(request)).toEqual({
      meetings: [
        { a: 'acheteur-2', b: 'fournisseur-1', kind: 'mutual', rankByA: 1, rankByB: 1, slot: 0, table: 0 },
        {
          a: 'acheteur-1',
          b: 'fournisseur-2',
          kind: 'one-sided',
          rankByA: 2,
          rankByB: null,
          slot: 1,
          table: 0,
        },
      ],
      unmet: [{ a: 'acheteur-1', b: 'fournisseur-1', kind: 'one-sided', rankByA: 1, rankByB: null }],
    });
    // The greedy baseline takes acheteur-1's wishes first and leaves the mutual pair out.
    expect(greedyMeetings(request).meetings.map(({ a, b, slot }) => [a, b, slot])).toEqual([
      ['acheteur-1', 'fournisseur-1', 0],
      ['acheteur-1', 'fournisseur-2', 1],
    ]);
  });

  it('keeps the table of a participant of side a from one slot to the next', () => {
    const request: MeetingRequest = {
      grid: { slots: 2, tables: 2 },
      participants: [
        { id: 'a1', side: 'a', availableSlots: [1], wishes: ['b1', 'b2'] },
        { id: 'a2', side: 'a', availableSlots: [0, 1], wishes: ['b1', 'b2'] },
        { id: 'b1', side: 'b', availableSlots: [0, 1], wishes: [] },
        { id: 'b2', side: 'b', availableSlots: [0, 1], wishes: [] },
      ],
    };
    const tables = scheduleMeetings(request).meetings.filter((meeting) => meeting.a === 'a2');
    expect(tables).toHaveLength(2);
    expect(tables[0]?.table).toBe(tables[1]?.table);
  });

  it('refuses a grid that is not whole numbers and a participant twice', () => {
    const participant = { id: 'a1', side: 'a' as const, availableSlots: [0], wishes: [] };
    expect(() => scheduleMeetings({ grid: { slots: 1.5, tables: 1 }, participants: [] })).toThrow(RangeError);
    expect(() => scheduleMeetings({ grid: { slots: 1, tables: -1 }, participants: [] })).toThrow(RangeError);
    expect(() =>
      scheduleMeetings({ grid: { slots: 1, tables: 1 }, participants: [participant, participant] }),
    ).toThrow(/twice/);
    expect(scheduleMeetings({ grid: { slots: 0, tables: 0 }, participants: [participant] })).toEqual({
      meetings: [],
      unmet: [],
    });
  });
});
