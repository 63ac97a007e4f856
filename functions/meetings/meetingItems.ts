import { createHash } from 'node:crypto';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import type { MeetingSide, WishKind } from './meetingTypes.ts';

/**
 * What the `BusinessMeetings` table holds, per event (`pk` = `MEETING#<event id>`): one
 * `PART#<participant id>` per registered participant, one `MEET#<meeting id>` per meeting of
 * the grid, and the `RUN` of the deadline (claimed, grid stored, mailed).
 */
export const meetingPartition = (eventId: string): string => `MEETING#${eventId}`;
export const participantKey = (eventId: string, participantId: string) => ({
  pk: meetingPartition(eventId),
  sk: `PART#${participantId}`,
});
export const meetingKey = (eventId: string, meetingId: string) => ({
  pk: meetingPartition(eventId),
  sk: `MEET#${meetingId}`,
});
export const runKey = (eventId: string) => ({ pk: meetingPartition(eventId), sk: 'RUN' });

/** A registered participant: their profile (shown to the other side), availability and wishes. */
export interface MeetingParticipantItem {
  readonly pk: string;
  readonly sk: string;
  readonly eventId: string;
  readonly id: string;
  readonly side: MeetingSide;
  readonly name: string;
  readonly organisation: string;
  /** What they offer or seek, in their words. */
  readonly offer: string;
  /** Indices of the slots they can attend. */
  readonly availableSlots: readonly number[];
  /** Ids of participants of the other side, most wanted first. */
  readonly wishes: readonly string[];
  readonly email: string;
  /** Keyed hash of the address: the `byAddress` index, for the personal-data finders. */
  readonly addressKey: string;
  readonly registeredAt: string;
  /** When the link to their space was last asked for: each new value mails it once. */
  readonly linkRequestedAt: string;
  readonly consentAt: string;
  /**
   * When they first acted in their space (confirmed, or saved wishes): their address is theirs.
   * Until then the other side does not see their profile. Opening the link is not enough (mail
   * scanners open links).
   */
  readonly confirmedAt?: string;
  readonly expiresAt: number;
}

/** One meeting of the grid: the two participants, the slot and table, and its changes. */
export interface MeetingItem {
  readonly pk: string;
  readonly sk: string;
  readonly eventId: string;
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly slot: number;
  readonly table: number;
  readonly kind: WishKind;
  readonly rankByA: number | null;
  readonly rankByB: number | null;
  readonly status: 'scheduled' | 'cancelled';
  /** 1 as scheduled; each change by the organiser adds one (and notifies the two participants). */
  readonly version: number;
  readonly changedAt?: string;
  readonly expiresAt: number;
}

/** The deadline's run for one event: claimed, then the grid stored, then everyone mailed. */
export interface MeetingRunItem {
  readonly pk: string;
  readonly sk: 'RUN';
  readonly state: 'claimed' | 'gridStored' | 'mailed';
  readonly claimedUntil: number;
  readonly meetings?: number;
  readonly unmet?: number;
  readonly gridStoredAt?: string;
  readonly mailedAt?: string;
  readonly expiresAt: number;
}

/** One participant per address and event: the id is derived from both with the address-hash key. */
export const participantIdOf = (addressHashKey: string, eventId: string, email: string): string =>
  createHash('sha256')
    .update(keyedAddressHash(addressHashKey, email, 'businessMeeting', eventId))
    .digest('hex')
    .slice(0, 24);

export const isParticipantId = (value: string): boolean => /^[0-9a-f]{24}$/.test(value);

/** What the other side sees of a participant. */
export interface PublicProfile {
  readonly id: string;
  readonly name: string;
  readonly organisation: string;
  readonly offer: string;
}

export const publicProfileOf = (participant: MeetingParticipantItem): PublicProfile => ({
  id: participant.id,
  name: participant.name,
  organisation: participant.organisation,
  offer: participant.offer,
});

/** A meeting's id in its grid: its order in the schedule the deadline made (`M0001`…). */
export const meetingIdOf = (index: number): string => `M${String(index + 1).padStart(4, '0')}`;

/** Wishes are capped: ten is what the events ask for; twenty leaves room. */
export const maximumWishes = 20;
