import { systemClock } from '../shared/clock.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { cursorParameter } from './cursorParameter.ts';
import { toEventCard } from './eventCard.ts';
import { confirmedCountsOf } from './programmeContext.ts';
import { encodeCursor, programmePageSchema } from './programmeFilters.ts';
import { ProgrammeSnapshot } from './programmeSnapshot.ts';
import { currentProgramme } from './programmeSnapshotReader.ts';

/** `GET /events`: the programme, filtered, sorted by start, a page at a time (from the snapshot). */
export const handler = httpHandler({ query: programmePageSchema }, async ({ query, event, language }) => {
  const cursor = cursorParameter(query.cursor, language);
  const programme = await currentProgramme();
  const selected = programme.select(query);
  const { items: page, more } = ProgrammeSnapshot.page(selected, cursor, query.limit);
  const now = systemClock.now();
  const confirmed = await confirmedCountsOf(page.map((item) => item._id));
  const items = page.map((item) => toEventCard(item, programme.regions, confirmed.get(item._id) ?? 0, now));
  const last = items.at(-1);
  const nextCursor = more && last?.startsAt ? encodeCursor(last.startsAt, last.id) : null;
  return cacheableJson(event, { items, total: selected.length, nextCursor });
});
