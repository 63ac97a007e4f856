import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import type { MessageKey } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import './meetingChangeMessages.ts';
import { slotAt } from './meetingEvent.ts';
import { gridOfLink } from './meetingGridAccess.ts';
import { meetingChangeSchema, meetingGridQuerySchema } from './meetingGridRequest.ts';
import { moveRefusal } from './meetingGridRules.ts';
import { changeMeetingPlaces } from './meetingGridWrites.ts';

const refused = (status: 400 | 404 | 409, detail: MessageKey, params: Record<string, string | number> = {}) =>
  new ProblemError({
    status,
    title: status === 404 ? 'problem.notFound.title' : 'problem.meetingChange.title',
    detail,
    params,
  });

/**
 * `PATCH /meetings/{slug}/grid/{meetingId}?token=…`: the organiser moves one meeting to another
 * time and table, or cancels it, through the grid's link. The grid's rules hold (the table free,
 * both participants available and free then); the change is made only if nobody changed the
 * meeting meanwhile, and the stream worker tells its two participants, once.
 */
export const handler = httpHandler(
  { query: meetingGridQuerySchema, bodySchema: async () => meetingChangeSchema() },
  async ({ event: request, query, body }) => {
    const now = systemClock.now();
    const { event, meetings, participants, profiles } = await gridOfLink(
      request.pathParameters?.slug ?? '',
      query.token,
    );
    const meetingId = request.pathParameters?.meetingId ?? '';
    const meeting = meetings.find((candidate) => candidate.id === meetingId);
    if (!meeting) throw refused(404, 'meetings.meetingNotFound', { id: meetingId.slice(0, 40) });
    if (meeting.status === 'cancelled') throw refused(409, 'meetings.change.cancelled');
    // The page sends the version it showed: a meeting changed since is not changed blindly.
    if (body.version !== undefined && body.version !== meeting.version)
      throw refused(409, 'meetings.change.stale');
    await limitOrRefuse([await clientAllowance(request, 'meetingChanges', now)], now);

    let change: { slot: number; table: number } | 'cancelled';
    if (body.cancelled) change = 'cancelled';
    else {
      if (body.time === undefined || body.table === undefined)
        throw refused(400, 'meetings.change.incomplete');
      const slot = slotAt(event, body.time);
      if (!slot)
        throw refused(400, 'meetings.slot.unknown', {
          slots: event.slots.map(({ time }) => time).join(', '),
        });
      const target = { slot: slot.index, table: body.table - 1 };
      const refusal = moveRefusal(event, meeting, target, meetings, participants);
      if (refusal?.reason === 'tableUnknown')
        throw refused(400, 'meetings.table.unknown', { tables: event.tables });
      if (refusal?.reason === 'unavailable')
        throw refused(409, 'meetings.change.unavailable', { name: refusal.who, time: slot.time });
      if (refusal?.reason === 'busy')
        throw refused(409, 'meetings.change.busy', { name: refusal.who, time: slot.time });
      if (refusal?.reason === 'tableTaken')
        throw refused(409, 'meetings.change.tableTaken', { table: body.table, time: slot.time });
      change = target;
    }
    const changed = await changeMeetingPlaces(
      dynamoDbDocumentClient(),
      tableNameOf('businessMeetings'),
      meeting,
      change,
      meetings,
      now,
    );
    // Another change won the race for this meeting, its table or one of its participants.
    if (changed === 'changed') throw refused(409, 'meetings.change.conflict');
    if (changed === 'table' || changed === 'participant')
      throw refused(
        409,
        changed === 'table' ? 'meetings.change.tableJustTaken' : 'meetings.change.busyJustNow',
        {
          table: body.table ?? 0,
          time: body.time ?? '',
        },
      );
    logger.info('Business meeting changed', {
      eventId: event.id,
      meetingId,
      change: change === 'cancelled' ? 'cancelled' : 'moved',
      version: changed.version,
    });
    return jsonResponse(200, {
      id: changed.id,
      status: changed.status,
      time: event.slots[changed.slot]?.time ?? null,
      table: changed.table + 1,
      version: changed.version,
      a: profiles.get(changed.a) ?? null,
      b: profiles.get(changed.b) ?? null,
    });
  },
);
