import { randomUUID } from 'node:crypto';
import type { MeetingItem } from '../../functions/meetings/meetingItems.ts';
import { signGridToken } from '../../functions/meetings/meetingLinks.ts';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { keyRingFromJson } from '../../functions/shared/tokens/signedTokens.ts';

/**
 * A business-meeting event of a test's own whose grid is written straight into the table, as the
 * deadline stores it: four participants (Paule and Pierre on side a, Quentin and Quitterie on
 * side b) and three meetings — Paule meets Quentin at slot 0 (table 1) and Quitterie at slot 2;
 * Pierre meets Quitterie at slot 0 (table 2). `label` names the event and the addresses.
 */
export function storedMeetingGrid(label: string, options: { confirmed?: boolean } = {}) {
  const run = randomUUID().slice(0, 8);
  const eventId = `businessMeeting-${label}-${run}`;
  const pk = `MEETING#${eventId}`;
  const expiresAt = Math.floor(Date.parse('2031-08-20T00:00:00Z') / 1000);
  const ring = keyRingFromJson(secretDeclarations.TOKEN_KEYS.local, 'local-1');
  const token = signGridToken(eventId, Math.floor(Date.parse('2031-06-03T00:00:00Z') / 1000), ring);
  const idOf = (n: number) => `${run}${String(n).padStart(16, '0')}`;
  const [p1, p2, q1, q2] = [idOf(1), idOf(2), idOf(3), idOf(4)] as [string, string, string, string];
  const registeredAt = '2031-05-01T08:00:00.000Z';

  const participant = (id: string, side: 'a' | 'b', name: string, availableSlots = [0, 1, 2, 3]) => ({
    pk,
    sk: `PART#${id}`,
    eventId,
    id,
    side,
    name,
    organisation: `Structure de ${name}`,
    offer: 'Des repas bio et locaux',
    availableSlots,
    wishes: [],
    email: `${label}-${id.slice(-1)}.${run}@exemple.fr`,
    addressKey: `${label}-${id}`,
    registeredAt,
    linkRequestedAt: registeredAt,
    consentAt: registeredAt,
    ...(options.confirmed ? { confirmedAt: registeredAt } : {}),
    expiresAt,
  });

  const meeting = (id: string, a: string, b: string, slot: number, tableIndex: number): MeetingItem => ({
    pk,
    sk: `MEET#${id}`,
    eventId,
    id,
    a,
    b,
    slot,
    table: tableIndex,
    kind: 'mutual',
    rankByA: 1,
    rankByB: 1,
    status: 'scheduled',
    version: 1,
    expiresAt,
  });

  const grid = [
    meeting('M0001', p1, q1, 0, 0),
    meeting('M0002', p2, q2, 0, 1),
    meeting('M0003', p1, q2, 2, 0),
  ];
  return { run, eventId, pk, expiresAt, ring, token, ids: { p1, p2, q1, q2 }, participant, grid };
}
