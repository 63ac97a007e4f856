import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import ICAL from 'ical.js';
import { expect } from 'vitest';
import { placeItemsOf } from '../../functions/meetings/meetingPlaces.ts';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import type { storedMeetingGrid } from '../support/storedMeetingGrid.ts';
import { atTime, inProcessRoute } from './abuseSupport.ts';
import {
  apiUrl,
  type DeliveredEmail,
  documentClient,
  editorClient,
  uniqueEmail,
  useLocalFunctionEnvironment,
} from './support.ts';

/** The business meetings' test event, its participants, and the ways the tests drive and read them. */
export const run = randomUUID().slice(0, 8);
export const slug = `rencontre-affaires-${run}`;
export const eventId = `businessMeeting-${run}`;
export const title = `Rencontre d’affaires ${run}`;
// Far from every other test's dates; the stack's own clock (2027) is before the deadline.
export const beforeDeadline = '2031-05-01T08:00:00.000Z';
export const deadline = '2031-05-10T16:00:00.000Z';
export const afterDeadline = '2031-05-11T08:00:00.000Z';
export const organiserEmail = uniqueEmail('organisatrice');

export const meetingDocument = {
  _id: eventId,
  _type: 'businessMeeting',
  title,
  slug: { _type: 'slug', current: slug },
  summary: 'Acheteurs publics et privés, fournisseurs de l’ESS : des rendez-vous de vingt minutes.',
  sideA: { label: 'Acheteurs', description: 'Collectivités, entreprises, hôpitaux.' },
  sideB: {
    label: 'Fournisseurs de l’ESS',
    description: 'Coopératives, associations, entreprises d’insertion.',
  },
  date: '2031-05-20',
  firstSlotAt: '09:00',
  lastSlotEndsAt: '10:20',
  slotMinutes: 20,
  tables: 2,
  wishesDeadline: deadline,
  venue: {
    _type: 'venue',
    name: 'La Ruche',
    address: '12 rue des Lilas',
    postalCode: '35000',
    city: 'Rennes',
  },
  organiserEmail,
};

export interface TestParticipant {
  readonly key: string;
  readonly side: 'a' | 'b';
  readonly name: string;
  readonly organisation: string;
  readonly slots: readonly string[];
  readonly email: string;
}

export const everySlot = ['09:00', '09:20', '09:40', '10:00'];
const participant = (
  key: string,
  side: 'a' | 'b',
  name: string,
  organisation: string,
  slots = everySlot,
) => ({
  key,
  side,
  name,
  organisation,
  slots,
  email: uniqueEmail(`rencontre-${key}`),
});

export const participants: readonly TestParticipant[] = [
  participant('a1', 'a', 'Anne Acheteuse', 'Ville de Rennes'),
  participant('a2', 'a', 'Bruno Achat', 'CHU de Rennes', ['09:00', '09:20']),
  participant('b1', 'b', 'Chloé Coop', 'Scop Bois d’ici'),
  participant('b2', 'b', 'David Asso', 'Régie de quartier'),
  participant('b3', 'b', 'Emma Insertion', 'Atelier du réemploi', ['09:40']),
];

/** The POST route, run in this process from its own client network (the rate limits see one client each). */
export const registerRoute = () =>
  inProcessRoute(
    () => import('../../functions/meetings/registerForMeetings.ts'),
    'POST /meetings/{slug}/participants',
  );

export const wishesRoute = () =>
  inProcessRoute(
    () => import('../../functions/meetings/updateMeetingWishes.ts'),
    'PUT /meeting-participants/{token}/wishes',
  );

export const registrationBody = (who: TestParticipant) => ({
  side: who.side,
  name: who.name,
  organisation: who.organisation,
  offer: `${who.organisation} : ce que nous proposons et recherchons.`,
  slots: who.slots,
  email: who.email,
  consent: true,
});

/** The schedule's run, as EventBridge (or the local stack's timer) calls it, at `iso`. */
export async function fireSchedule(iso: string): Promise<{ scheduled: number; events: string[] }> {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/meetings/scheduleMeetingsAtDeadlines.ts')) as {
    handler: (event: unknown, context: Context) => Promise<{ scheduled: number; events: string[] }>;
  };
  return atTime(iso, () => handler({}, lambdaContext('scheduleMeetingsAtDeadlines', 300_000)));
}

/** The participant's link token in a mail from the business meetings. */
export const spaceTokenIn = (mail: DeliveredEmail | undefined): string =>
  decodeURIComponent(mail?.body.text?.match(/\/rencontre-espace\.html\?jeton=([^\s\]&]+)/)?.[1] ?? '');

/** The organiser's grid token in the grid mail. */
export const gridTokenIn = (mail: DeliveredEmail | undefined): string =>
  decodeURIComponent(mail?.body.text?.match(/\/grid\.csv\?token=([^\s\]&]+)/)?.[1] ?? '');

/** The `.ics` attachments of a mail, parsed: their first VEVENT each. */
export function calendarEventsOf(mail: DeliveredEmail | undefined): ICAL.Component[] {
  const attachments =
    (mail as unknown as { attachments?: { content: string }[] } | undefined)?.attachments ?? [];
  return attachments.map(
    (attachment) =>
      new ICAL.Component(
        ICAL.parse(Buffer.from(attachment.content, 'base64').toString('utf8')),
      ).getFirstSubcomponent('vevent') as ICAL.Component,
  );
}

/** Every item of the test event in the BusinessMeetings table. */
export async function tableItems(prefix: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: localTableName('businessMeetings'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `MEETING#${eventId}`, ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return Items;
}

export interface Space {
  participant: { id: string; side: string; confirmed: boolean };
  others: { id: string; name: string; organisation: string }[];
  wishes: string[];
  schedule: { id: string; time: string; table: number; status: string; with: { id: string } | null }[] | null;
}

export const tokens = new Map<string, string>();
export const ids = new Map<string, string>();
export const who = (key: string) =>
  participants.find((participant) => participant.key === key) as TestParticipant;
export const space = async (key: string): Promise<Space> => {
  const response = await fetch(
    `${apiUrl()}/meeting-participants/${encodeURIComponent(tokens.get(key) ?? '')}`,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Space;
};
export const confirmAddress = (key: string) =>
  fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(tokens.get(key) ?? '')}/confirmation`, {
    method: 'POST',
  });
export const putWishes = (key: string, wishes: readonly string[]) =>
  fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(tokens.get(key) ?? '')}/wishes`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ wishes }),
  });
export const changeMeeting = (meetingId: string, token: string, body: unknown) =>
  fetch(`${apiUrl()}/meetings/${slug}/grid/${meetingId}?token=${encodeURIComponent(token)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The moves the grid's rules allow: both can come then, neither has another meeting then, a table is free. */
export function movesWithinRules(
  meetings: readonly Record<string, unknown>[],
  idsByKey: ReadonlyMap<string, string>,
) {
  const keyOf = new Map(participants.map((p) => [idsByKey.get(p.key), p]));
  const moves = meetings.flatMap((meeting) =>
    everySlot.flatMap((time, slot) => {
      const pair = [keyOf.get(String(meeting.a)), keyOf.get(String(meeting.b))] as TestParticipant[];
      const then = meetings.filter((other) => other.id !== meeting.id && other.slot === slot);
      const table = [0, 1].find((candidate) => !then.some((other) => other.table === candidate));
      const free = !then.some((other) => [other.a, other.b].some((p) => p === meeting.a || p === meeting.b));
      return slot !== meeting.slot && free && table !== undefined && pair.every((p) => p.slots.includes(time))
        ? [{ id: String(meeting.id), pair, time, table: table + 1 }]
        : [];
    }),
  );
  return moves;
}

/** The personal-data finders' target on the test stack. */
export const erasureTarget = () => ({
  dynamoDb: documentClient(),
  tableName: localTableName,
  addressHashKey: secretDeclarations.ADDRESS_HASH_KEY.local,
});

/** The grid's invariants: one meeting a table and a participant per slot; each holds its places. */
export function expectGridInvariants(
  grid: readonly Record<string, unknown>[],
  places: readonly Record<string, unknown>[],
) {
  const scheduled = grid.filter((meeting) => meeting.status === 'scheduled');
  const held = new Map(places.map((place) => [String(place.sk), place.holder]));
  for (const meeting of scheduled) {
    const then = scheduled.filter((other) => other.slot === meeting.slot);
    expect(
      then.filter((other) => other.table === meeting.table),
      String(meeting.id),
    ).toHaveLength(1);
    for (const p of [meeting.a, meeting.b])
      expect(
        then.filter((other) => other.a === p || other.b === p),
        String(meeting.id),
      ).toHaveLength(1);
    const slot = String(meeting.slot).padStart(3, '0');
    for (const sk of [
      `PLACE#${slot}#T${meeting.table}`,
      `PLACE#${slot}#P${meeting.a}`,
      `PLACE#${slot}#P${meeting.b}`,
    ])
      expect(held.get(sk), sk).toBe(meeting.id);
  }
}

export const withdraw = (key: string) =>
  fetch(`${apiUrl()}/meeting-participants/${encodeURIComponent(tokens.get(key) ?? '')}`, {
    method: 'DELETE',
  });

/**
 * Writes a `storedMeetingGrid`: its event document under `slug` (and `title`) in the Content
 * Lake, and its participants (Pierre free at `pierreSlots`), meetings, places and the deadline's
 * finished run in the table; then waits until the stack's API serves the grid.
 */
export async function writeStoredMeetingGrid(
  stored: ReturnType<typeof storedMeetingGrid>,
  options: { slug: string; title?: string; pierreSlots?: number[] },
): Promise<void> {
  const { eventId, pk, expiresAt, token, participant, grid } = stored;
  const { p1, p2, q1, q2 } = stored.ids;
  await editorClient().createOrReplace({
    ...meetingDocument,
    _id: eventId,
    ...(options.title ? { title: options.title } : {}),
    slug: { _type: 'slug', current: options.slug },
  });
  const written = [
    participant(p1, 'a', 'Paule'),
    participant(p2, 'a', 'Pierre', options.pierreSlots),
    participant(q1, 'b', 'Quentin'),
    participant(q2, 'b', 'Quitterie'),
    ...grid,
    ...placeItemsOf(grid),
    { pk, sk: 'RUN', state: 'mailed', claimedUntil: 0, expiresAt },
  ];
  await documentClient().send(
    new BatchWriteCommand({
      RequestItems: {
        [localTableName('businessMeetings')]: written.map((Item) => ({ PutRequest: { Item } })),
      },
    }),
  );
  // The new document reaches the stack's API within a moment.
  const gridUrl = `${apiUrl()}/meetings/${options.slug}/grid?token=${encodeURIComponent(token)}`;
  let status = 0;
  for (let attempt = 0; attempt < 40 && status !== 200; attempt++) {
    status = (await fetch(gridUrl)).status;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(status).toBe(200);
}
