import type { MeetingRequest, MeetingSchedule } from './meetingTypes.ts';

export interface MeetingStats {
  readonly meetings: number;
  readonly mutualMet: number;
  readonly oneSidedMet: number;
  /** Wished pairs (met or not), and the mutual ones among them. */
  readonly wishedPairs: number;
  readonly mutualPairs: number;
  /** Participants with at least one wished pair (given or received) but no meeting. */
  readonly withoutMeeting: number;
  /** Participants with wished pairs none of which is mutual (the same for any schedule). */
  readonly withoutMutualPair: number;
  readonly minPerParticipant: number;
  readonly maxPerParticipant: number;
  /** Met one-sided wishes' mean rank (1 is the most wanted). */
  readonly meanOneSidedRank: number;
}

/** Figures of a schedule, for the benchmark and the editors' view. */
export function meetingStats(request: MeetingRequest, schedule: MeetingSchedule): MeetingStats {
  const perParticipant = new Map<string, number>();
  for (const participant of request.participants) perParticipant.set(participant.id, 0);
  const wished = new Set<string>();
  let mutualMet = 0;
  let rankSum = 0;
  for (const meeting of schedule.meetings) {
    for (const id of [meeting.a, meeting.b]) perParticipant.set(id, (perParticipant.get(id) ?? 0) + 1);
    if (meeting.kind === 'mutual') mutualMet++;
    else rankSum += meeting.rankByA ?? meeting.rankByB ?? 0;
  }
  const inMutualPair = new Set<string>();
  for (const pair of [...schedule.meetings, ...schedule.unmet])
    for (const id of [pair.a, pair.b]) {
      wished.add(id);
      if (pair.kind === 'mutual') inMutualPair.add(id);
    }
  const counts = [...wished].map((id) => perParticipant.get(id) ?? 0);
  const oneSidedMet = schedule.meetings.length - mutualMet;
  const mutualUnmet = schedule.unmet.filter((pair) => pair.kind === 'mutual').length;
  return {
    meetings: schedule.meetings.length,
    mutualMet,
    oneSidedMet,
    wishedPairs: schedule.meetings.length + schedule.unmet.length,
    mutualPairs: mutualMet + mutualUnmet,
    withoutMeeting: counts.filter((count) => count === 0).length,
    withoutMutualPair: wished.size - inMutualPair.size,
    minPerParticipant: counts.length > 0 ? Math.min(...counts) : 0,
    maxPerParticipant: counts.length > 0 ? Math.max(...counts) : 0,
    meanOneSidedRank: oneSidedMet > 0 ? rankSum / oneSidedMet : 0,
  };
}
