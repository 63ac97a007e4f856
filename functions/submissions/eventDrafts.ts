import type { Mutation, SanityDocument } from './contentLakeWrites.ts';
import type { Submission } from './submission.ts';
import { disabilityKinds } from './submissionVocabulary.ts';

/**
 * The Content Lake writes of a submission version (pure). One event per date, linked by the
 * submission's id (`moderation.submission`): the programme, registrations with their places and
 * waiting lists, reminders, calendars and the printed programme all work on one event with one
 * start and end, and a moderator can publish, move or cancel one date without the others.
 *
 * Ids are deterministic: the first date is `submission-<id>`, the next ones
 * `submission-<id>-<n>`; the backend writes only their drafts (`drafts.…`), in « À modérer »,
 * so nothing it writes is ever online before a moderator publishes it. A later version (an edit
 * through the organiser's link) becomes the draft again, made from the published version when
 * there is one (what moderators added is kept), back in « À modérer »: the published version
 * stays online meanwhile. A date the edit removed is proposed as cancelled. Each document notes
 * the version it holds: a version already written is not written again (retries, replays).
 */

export const eventDocumentId = (submissionId: string, index: number): string =>
  index === 0 ? `submission-${submissionId}` : `submission-${submissionId}-${index + 1}`;
export const draftId = (id: string): string => `drafts.${id}`;
/** The private document of the person to contact (never published: only Studio users read it). */
export const contactDocumentId = (submissionId: string): string =>
  `essaim-private.submission.${submissionId}`;

/** Every document id a submission may have (up to its most dates), published and draft. */
export function submissionDocumentIds(submissionId: string, dates: number): string[] {
  const ids = Array.from({ length: dates }, (_, index) => eventDocumentId(submissionId, index));
  return [...ids, ...ids.map(draftId), contactDocumentId(submissionId)];
}

export interface DraftContext {
  /** The region document of the event's region code, if editors created it. */
  readonly regionId: string | null;
  /** Organisations with the same SIRET, RNA number or a close name: for the moderator to choose from. */
  readonly possibleOrganizationIds: readonly string[];
}

const slugOf = (title: string, submissionId: string, index: number): string => {
  const words = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 72)
    .replace(/-+$/, '');
  return `${words || 'manifestation'}-${submissionId.slice(0, 6)}${index > 0 ? `-${index + 1}` : ''}`;
};

/** The long description as Portable Text: one paragraph per block of lines. */
function portableText(text: string | undefined, key: string) {
  return (text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph, index) => ({
      _type: 'block',
      _key: `${key}p${index}`,
      style: 'normal',
      markDefs: [],
      children: [{ _type: 'span', _key: `${key}s${index}`, text: paragraph, marks: [] }],
    }));
}

const heldVersion = (document: SanityDocument | undefined): number =>
  Number((document?.moderation as { submissionVersion?: unknown } | undefined)?.submissionVersion ?? 0);

/** What the organiser submitted for one date: the fields an edit sets again. */
function submittedFields(submission: Submission, index: number, context: DraftContext) {
  const { event, organization } = submission;
  const occurrence = event.occurrences[index];
  const key = `${submission.id.slice(0, 8)}v${submission.version}`;
  const set: Record<string, unknown> = {
    title: event.title,
    summary: event.summary,
    body: portableText(event.description, key),
    startsAt: occurrence?.startsAt,
    endsAt: occurrence?.endsAt,
    format: event.format,
    themes: event.themes,
    openToAll: event.openToAll,
    attendanceMode: event.attendanceMode,
    campaign: { _type: 'reference', _ref: submission.campaign.id },
    registration: {
      _type: 'registrationSettings',
      enabled: event.registration.mode === 'essaim',
      ...(event.registration.capacity ? { capacity: event.registration.capacity } : {}),
      waitingList: true,
    },
    status: 'scheduled',
    ...Object.fromEntries(
      disabilityKinds.map(({ value }) => [`accessibility.${value}`, event.accessibility.includes(value)]),
    ),
    'moderation.state': 'toModerate',
    'moderation.submission': submission.id,
    'moderation.submissionVersion': submission.version,
    'moderation.occurrence': index + 1,
    'moderation.submittedAt': submission.updatedAt,
    'moderation.essLink': event.essLink,
    'moderation.organization': {
      name: organization.name,
      legalStatus: organization.legalStatus,
      ...(organization.siret ? { siret: organization.siret } : {}),
      ...(organization.rna ? { rna: organization.rna } : {}),
    },
    'moderation.possibleOrganizations': context.possibleOrganizationIds.map((id) => ({
      _key: id.replace(/[^A-Za-z0-9]/g, '').slice(-12) || 'organisation',
      _type: 'reference',
      _ref: id,
      _weak: true,
    })),
  };
  const unset: string[] = [];
  const optional = (path: string, value: unknown) => {
    if (value === undefined) unset.push(path);
    else set[path] = value;
  };
  optional('region', context.regionId ? { _type: 'reference', _ref: context.regionId } : undefined);
  optional(
    'venue',
    event.place
      ? {
          _type: 'venue',
          name: event.place.name,
          address: event.place.address,
          postalCode: event.place.postalCode,
          city: event.place.communeName,
          communeCode: event.place.communeCode,
        }
      : undefined,
  );
  optional('onlineUrl', event.onlineUrl);
  optional('externalRegistrationUrl', event.registration.url);
  optional('moderation.imageUrl', event.imageUrl);
  return { set, unset };
}

/** A published document as the start of its draft (the lake's own fields left to the lake). */
const asDraftOf = (published: SanityDocument): SanityDocument => {
  const { _rev: _r, _createdAt: _c, _updatedAt: _u, ...content } = published;
  return { ...content, _id: draftId(published._id), _type: published._type };
};

/**
 * The mutations that bring the Content Lake to this version of the submission: for each date
 * (and each date an edit removed), the draft created if missing, then the submitted fields set;
 * and the contact's private document. None when every document already holds this version.
 */
export function submissionMutations(
  submission: Submission,
  context: DraftContext,
  existing: ReadonlyMap<string, SanityDocument>,
  previousDates = 0,
): Mutation[] {
  const mutations: Mutation[] = [];
  const dates = Math.max(submission.event.occurrences.length, previousDates);
  for (let index = 0; index < dates; index++) {
    const id = eventDocumentId(submission.id, index);
    const published = existing.get(id);
    const draft = existing.get(draftId(id));
    if (Math.max(heldVersion(published), heldVersion(draft)) >= submission.version) continue;
    if (index >= submission.event.occurrences.length) {
      // A date the organiser removed: proposed to the moderator as cancelled (registrants are told on publication).
      if (!published && !draft) continue;
      mutations.push(
        { createIfNotExists: draft ?? asDraftOf(published as SanityDocument) },
        {
          patch: {
            id: draftId(id),
            set: {
              status: 'cancelled',
              'moderation.state': 'toModerate',
              'moderation.submissionVersion': submission.version,
              'moderation.submittedAt': submission.updatedAt,
            },
          },
        },
      );
      continue;
    }
    const start: SanityDocument = draft ??
      (published && asDraftOf(published)) ?? {
        _id: draftId(id),
        _type: 'event',
        slug: { _type: 'slug', current: slugOf(submission.event.title, submission.id, index) },
      };
    const { set, unset } = submittedFields(submission, index, context);
    mutations.push(
      { createIfNotExists: start },
      { patch: { id: draftId(id), setIfMissing: { accessibility: {}, moderation: {} } } },
      { patch: { id: draftId(id), set, ...(unset.length > 0 ? { unset } : {}) } },
    );
  }
  const contactId = contactDocumentId(submission.id);
  if (heldVersion(existing.get(contactId)) < submission.version) {
    mutations.push({
      createOrReplace: {
        _id: contactId,
        _type: 'eventSubmissionContact',
        submission: submission.id,
        event: eventDocumentId(submission.id, 0),
        organization: submission.organization.name,
        name: submission.contact.name,
        email: submission.contact.email,
        ...(submission.contact.phone ? { phone: submission.contact.phone } : {}),
        moderation: { submissionVersion: submission.version },
      },
    });
  }
  return mutations;
}
