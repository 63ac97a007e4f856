import { defineQuery } from 'groq';

/** Campaigns with a printed-programme deadline and their dates (the schedule checks which came due). */
export const campaignDeadlinesQuery = defineQuery(`*[
  _type == "campaign" && defined(printedProgrammeDeadline) && defined(startsOn) && defined(endsOn)
] {
  _id,
  printedProgrammeDeadline
}`);

/** One campaign as the booklet's cover shows it. */
export const printedCampaignQuery = defineQuery(`*[_type == "campaign" && _id == $id][0] {
  _id,
  title,
  "slug": slug.current,
  startsOn,
  endsOn,
  printedProgrammeDeadline
}`);

/**
 * The events of the printed programme: published (the published perspective: never a draft),
 * of the campaign, open to everyone, in the programme at the deadline (published then by
 * moderation, or created then for events that predate moderation), not cancelled.
 */
export const printedProgrammeEventsQuery = defineQuery(`*[
  _type == "event"
  && campaign._ref == $campaign
  && openToAll == true
  && coalesce(status, "scheduled") != "cancelled"
  && dateTime(coalesce(moderation.publishedAt, _createdAt)) <= dateTime($deadline)
] {
  _id,
  title,
  summary,
  startsAt,
  endsAt,
  format,
  status,
  venue { name, address, postalCode, city },
  onlineUrl,
  "organiser": organizer->name,
  "region": region->{ code, name },
  registration { enabled, capacity },
  externalRegistrationUrl,
  accessibility { motor, visual, hearing, mental, psychic, wheelchair, hearingLoop, signLanguage, details },
  price { free, amount, details }
}`);

/** A request an editor's « Générer le programme papier » published: national, or for one region (its INSEE code). */
export const printRequestQuery = defineQuery(`*[_type == "printedProgrammeRequest" && _id == $id][0] {
  _id,
  "campaignId": campaign._ref,
  region,
  requestedBy,
  requestedAt
}`);
