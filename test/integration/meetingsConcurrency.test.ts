import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeMeetingPlaces } from '../../functions/meetings/meetingGridWrites.ts';
import type { MeetingItem } from '../../functions/meetings/meetingItems.ts';
import { signParticipantToken } from '../../functions/meetings/meetingLinks.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { storedMeetingGrid } from '../support/storedMeetingGrid.ts';
import {
  afterDeadline,
  expectGridInvariants,
  meetingDocument,
  writeStoredMeetingGrid,
} from './meetingsSupport.ts';
import { apiUrl, documentClient, editorClient } from './support.ts';

/**
 * The organiser's moves under concurrency, on an event of its own whose grid is written as the
 * deadline stores it (meetings and the places they hold): two moves that want the same table, or
 * the same participant, at the same time are sent at once; one is made, the other refused.
 */
const stored = storedMeetingGrid('course');
const { run, eventId, pk, ring, token } = stored;
const { p2 } = stored.ids;
const slug = `rencontre-course-${run}`;
const table = localTableName('businessMeetings');

const items = async (prefix: string) => {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return Items;
};
const invariantsHold = async () => expectGridInvariants(await items('MEET#'), await items('PLACE#'));

const move = (id: string, body: unknown) =>
  fetch(`${apiUrl()}/meetings/${slug}/grid/${id}?token=${encodeURIComponent(token)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Sends two moves at once: one is made, the other refused with a French `409`, and the grid holds. */
async function race(first: [string, unknown], second: [string, unknown]) {
  const answers = await Promise.all([move(...first), move(...second)]);
  expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
  const loser = answers.find((answer) => answer.status === 409) as Response;
  expect(loser.headers.get('content-type')).toContain('application/problem+json');
  // Refused by the lock (the two raced) or by the rules (the other was made first).
  expect(((await loser.json()) as { detail: string }).detail).toMatch(
    /vient d’être prise|vient de donner un rendez-vous|est déjà prise|a déjà un rendez-vous/,
  );
  await invariantsHold();
  return answers[0]?.status === 409 ? first : second;
}

describe('business meetings: concurrent organiser moves', () => {
  beforeAll(async () => {
    await writeStoredMeetingGrid(stored, { slug });
  });

  afterAll(async () => {
    await editorClient().delete(eventId);
  });

  it('lets one of two moves into the same table at the same time through', async () => {
    await invariantsHold();
    await race(['M0001', { time: '09:20', table: 1 }], ['M0002', { time: '09:20', table: 1 }]);
  });

  it('lets one of two moves that would give a participant two meetings at once through', async () => {
    // Paule meets in M0001 and M0003: both to 10:00, at two different tables.
    await race(['M0001', { time: '10:00', table: 1 }], ['M0003', { time: '10:00', table: 2 }]);
  });

  it('refuses a move checked against a grid read before another change took its place, whatever the timing', async () => {
    const before = (await items('MEET#')) as unknown as MeetingItem[];
    const clash = clashingPair(before);
    if (!clash) throw new Error('no two moves clash');
    const [x, y] = clash;
    expect((await move(x.id, { time: times[x.slot], table: x.table + 1 })).status).toBe(200);
    // The other move, read before the first was made: the handler's rules would let it through, the lock not.
    const stale = before.find((m) => m.id === y.id) as MeetingItem;
    const refusal = await changeMeetingPlaces(
      documentClient(),
      table,
      stale,
      y,
      before,
      new Date(afterDeadline),
    );
    expect(['table', 'participant']).toContain(refusal);
    await invariantsHold();
  });

  it('takes over the places of a meeting cancelled outside the organiser’s route', async () => {
    // The personal-data erasure cancels a meeting without giving its places back.
    const [cancelled] = (await items('MEET#')) as unknown as MeetingItem[];
    if (!cancelled) throw new Error('no meeting');
    await documentClient().send(
      new UpdateCommand({
        TableName: table,
        Key: { pk, sk: cancelled.sk },
        UpdateExpression: 'SET #status = :cancelled, version = version + :one',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':one': 1 },
      }),
    );
    const now = (await items('MEET#')) as unknown as MeetingItem[];
    const into = now.find((m) => m.status === 'scheduled' && fits(m, cancelled.slot, cancelled.table, now));
    if (!into) throw new Error('no meeting can take the cancelled one’s table');
    const answer = await move(into.id, { time: times[cancelled.slot], table: cancelled.table + 1 });
    expect(answer.status).toBe(200);
    const tablePlace = (await items('PLACE#')).find(
      (place) => place.sk === `PLACE#${String(cancelled.slot).padStart(3, '0')}#T${cancelled.table}`,
    );
    expect(tablePlace?.holder).toBe(into.id);
    await invariantsHold();
  });

  it('refuses a withdrawal while the deadline’s run is making the grid, and takes it once the grid is stored', async () => {
    const setRun = (state: string) =>
      documentClient().send(
        new UpdateCommand({
          TableName: table,
          Key: { pk, sk: 'RUN' },
          UpdateExpression: 'SET #state = :state',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': state },
        }),
      );
    const leave = () =>
      fetch(
        `${apiUrl()}/meeting-participants/${encodeURIComponent(signParticipantToken(eventId, p2, ring))}`,
        {
          method: 'DELETE',
        },
      );
    await setRun('claimed');
    const refused = await leave();
    expect(refused.status).toBe(409);
    expect(refused.headers.get('retry-after')).toBe('300');
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      'La grille des rendez-vous est en cours de préparation : réessayez dans quelques minutes.',
    );
    expect((await items('PART#')).map((item) => item.id)).toContain(p2);
    await setRun('mailed');
    // Pierre's meetings cancelled by the organiser first: only the registration goes.
    for (const m of await items('MEET#'))
      if (m.status === 'scheduled' && (m.a === p2 || m.b === p2))
        expect((await move(String(m.id), { cancelled: true })).status).toBe(200);
    const left = await leave();
    expect(left.status).toBe(200);
    expect(await left.json()).toMatchObject({
      status: 'withdrawn',
      cancelled: 0,
      message: `Votre retrait de « ${meetingDocument.title} » est enregistré : votre inscription est supprimée et ce lien ne fonctionne plus.`,
    });
    expect((await items('PART#')).map((item) => item.id)).not.toContain(p2);
    expect((await leave()).status).toBe(404);
  });
});

const times = ['09:00', '09:20', '09:40', '10:00'];

/** Whether a meeting may go to a slot and table as the grid stands (the organiser's rules). */
function fits(m: MeetingItem, slot: number, tableIndex: number, grid: readonly MeetingItem[]) {
  const then = grid.filter((o) => o.id !== m.id && o.status === 'scheduled' && o.slot === slot);
  return (
    !(m.slot === slot && m.table === tableIndex) &&
    !then.some((o) => o.table === tableIndex) &&
    !then.some((o) => [o.a, o.b].some((id) => id === m.a || id === m.b))
  );
}

/** Two moves the rules allow one by one, but not both: the same table, or a shared participant, at once. */
function clashingPair(grid: readonly MeetingItem[]) {
  const scheduled = grid.filter((m) => m.status === 'scheduled');
  for (const x of scheduled)
    for (const y of scheduled)
      for (let slot = 0; slot < times.length; slot++)
        for (let tx = 0; tx < 2; tx++)
          for (let ty = 0; ty < 2; ty++) {
            const shared = [x.a, x.b].some((id) => id === y.a || id === y.b);
            if (x.id !== y.id && (tx === ty || shared) && fits(x, slot, tx, grid) && fits(y, slot, ty, grid))
              return [
                { id: x.id, slot, table: tx },
                { id: y.id, slot, table: ty },
              ] as const;
          }
  return null;
}
