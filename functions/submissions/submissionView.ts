import { deadlineInstant } from './campaignCalendar.ts';
import type { Submission } from './submission.ts';

/**
 * A submission as its organiser sees it through the signed link: the fields of the request
 * (so the form fills in and `PUT`s them back), its version, until when it can be edited, and
 * whether a version of it is online.
 */
export function submissionView(
  submission: Submission,
  campaign: { readonly submissionsCloseAt: string | null },
  published: boolean,
) {
  const { organization, contact, event } = submission;
  return {
    id: submission.id,
    campaign: { slug: submission.campaign.slug, title: submission.campaign.title },
    version: submission.version,
    submittedAt: submission.submittedAt,
    updatedAt: submission.updatedAt,
    editableUntil: deadlineInstant(campaign.submissionsCloseAt)?.toISOString() ?? null,
    published,
    fields: {
      organizationName: organization.name,
      legalStatus: organization.legalStatus,
      ...(organization.siret ? { siret: organization.siret } : {}),
      ...(organization.rna ? { rna: organization.rna } : {}),
      contactName: contact.name,
      email: contact.email,
      ...(contact.phone ? { phone: contact.phone } : {}),
      title: event.title,
      summary: event.summary,
      ...(event.description ? { description: event.description } : {}),
      essLink: event.essLink,
      format: event.format,
      themes: event.themes,
      occurrences: event.occurrences,
      attendanceMode: event.attendanceMode,
      ...(event.place
        ? {
            placeName: event.place.name,
            address: event.place.address,
            postalCode: event.place.postalCode,
            communeCode: event.place.communeCode,
          }
        : { regionCode: event.regionCode }),
      ...(event.onlineUrl ? { onlineUrl: event.onlineUrl } : {}),
      openToAll: event.openToAll,
      accessibility: event.accessibility,
      registration: event.registration.mode,
      ...(event.registration.capacity ? { capacity: event.registration.capacity } : {}),
      ...(event.registration.url ? { registrationUrl: event.registration.url } : {}),
      ...(event.imageUrl ? { imageUrl: event.imageUrl } : {}),
    },
  };
}
