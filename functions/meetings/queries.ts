import { defineQuery } from 'groq';

/** The business meetings' GROQ queries, on the published perspective. */

/** One business-meeting event by its slug, with what registering, wishing and scheduling need. */
export const businessMeetingBySlugQuery =
  defineQuery(`*[_type == "businessMeeting" && slug.current == $slug][0] {
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
}`);

/** The business meetings whose wishes closed lately (`$since` to `$now`): the grids to make. */
export const businessMeetingsDueQuery =
  defineQuery(`*[_type == "businessMeeting" && wishesDeadline <= $now && wishesDeadline > $since] {
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
}`);

/** One business-meeting event by its id (a participant's link names it). */
export const businessMeetingByIdQuery = defineQuery(`*[_type == "businessMeeting" && _id == $id][0] {
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
}`);
