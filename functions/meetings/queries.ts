import { defineQuery } from 'groq';

/** The business meetings' GROQ queries, on the published perspective. */

/** What registering, wishing and scheduling need of a business-meeting event. */
const meetingProjection = `{
  _id,
  _updatedAt,
  title,
  "slug": slug.current,
  summary,
  "sideA": sideA { label, description },
  "sideB": sideB { label, description },
  date,
  firstSlotAt,
  lastSlotEndsAt,
  slotMinutes,
  tables,
  wishesDeadline,
  venue,
  onlineUrl,
  organiserEmail
}`;

/** One business-meeting event by its slug. */
export const businessMeetingBySlugQuery = defineQuery(
  `*[_type == "businessMeeting" && slug.current == $slug][0] ${meetingProjection}`,
);

/** The business meetings whose wishes closed lately (`$since` to `$now`): the grids to make. */
export const businessMeetingsDueQuery = defineQuery(
  `*[_type == "businessMeeting" && wishesDeadline <= $now && wishesDeadline > $since] ${meetingProjection}`,
);

/** One business-meeting event by its id (a participant's link names it). */
export const businessMeetingByIdQuery = defineQuery(
  `*[_type == "businessMeeting" && _id == $id][0] ${meetingProjection}`,
);
