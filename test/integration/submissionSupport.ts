import { apiUrl, type DeliveredEmail, editorClient, postJson } from './support.ts';

/** The submissions' test campaign, organisation, request and helpers (`submissions.test.ts`). */

export const campaign = {
  _id: 'campaign-submissions-test',
  _type: 'campaign',
  title: 'Mois de l’ESS (essai des propositions)',
  slug: { _type: 'slug', current: 'essai-propositions' },
  startsOn: '2027-11-01',
  endsOn: '2027-11-30',
  submissionsOpenAt: '2027-10-01T08:00:00Z',
  submissionsCloseAt: '2027-10-31',
  printedProgrammeDeadline: '2027-09-12',
};
/** An organisation already in the Content Lake with the SIRET the test submits: a possible match, never merged. */
export const siret = '73282932000074';
export const existingOrganization = {
  _id: 'organization-submissions-test',
  _type: 'organization',
  name: 'Ruche solidaire (fiche existante)',
  legalStatus: 'association',
  siret,
  region: { _type: 'reference', _ref: 'region-53' },
};
export const chamber = 'programme@cress-bretagne.example';

export const submission = (email: string, title: string) => ({
  organizationName: 'La Ruche solidaire',
  legalStatus: 'association',
  siret,
  contactName: 'Camille Martin',
  email,
  phone: '02 99 00 00 00',
  title,
  summary: 'Visite de la recyclerie, ateliers de réparation et rencontre avec l’équipe.',
  description: 'Premier paragraphe.\n\nSecond paragraphe.',
  essLink: 'Une association d’insertion qui fait vivre l’économie circulaire.',
  format: 'portes-ouvertes',
  themes: ['developpement-durable', 'emploi-insertion'],
  occurrences: [
    { startsAt: '2027-11-05T14:00', endsAt: '2027-11-05T17:00' },
    { startsAt: '2027-11-12T14:00', endsAt: '2027-11-12T17:00' },
  ],
  attendanceMode: 'onsite',
  placeName: 'La Ruche',
  address: '12 rue de la Paix',
  postalCode: '35000',
  communeCode: '35238',
  openToAll: true,
  accessibility: ['motor', 'hearing'],
  registration: 'essaim',
  capacity: 30,
  consent: true,
});

export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}

export const submit = (body: unknown, slug = campaign.slug.current) =>
  postJson(`/campaigns/${slug}/submissions`, body);
export const put = (token: string, body: unknown) =>
  fetch(`${apiUrl()}/submissions/${encodeURIComponent(token)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export async function until<T>(
  look: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await look();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export type EventDocument = Record<string, unknown> & {
  title: string;
  startsAt: string;
  moderation: Record<string, unknown> & { state: string; submissionVersion: number };
};
export const draftOf = (id: string, version: number) =>
  until(async () => {
    const draft = await editorClient().getDocument<EventDocument>(`drafts.${id}`);
    return draft && draft.moderation?.submissionVersion >= version ? draft : undefined;
  }, `the draft of ${id} at version ${version}`);

export const linkTokenIn = (mail: DeliveredEmail | undefined): string =>
  decodeURIComponent(mail?.body.text?.match(/\/proposition\.html\?jeton=([^\s\]&]+)/)?.[1] ?? '');
