import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { deployedFunctions } from '../../functions/catalogue.ts';
import type { SanityDocument } from '../../functions/submissions/contentLakeWrites.ts';
import {
  contactDocumentId,
  eventDocumentId,
  submissionDocumentIds,
  submissionMutations,
} from '../../functions/submissions/eventDrafts.ts';
import type { Submission } from '../../functions/submissions/submission.ts';
import { significantWords } from '../../functions/submissions/writeSubmissionDrafts.ts';
import { dataFileCommands, esbuildOptions } from '../../infra/bundling.ts';

const submission: Submission = {
  id: '0123456789abcdef01234567',
  campaign: { id: 'campaign-2027', slug: 'mois-ess-2027', title: 'Mois de l’ESS 2027' },
  version: 1,
  submittedAt: '2027-10-20T08:00:00.000Z',
  updatedAt: '2027-10-20T08:00:00.000Z',
  organization: { name: 'La Ruche solidaire', legalStatus: 'association', siret: '73282932000074' },
  contact: { name: 'Camille Martin', email: 'camille@exemple.fr' },
  event: {
    title: 'Portes ouvertes de la Ruche',
    summary: 'Visite et ateliers.',
    description: 'Un.\n\nDeux.',
    essLink: 'Une association d’insertion.',
    format: 'portes-ouvertes',
    themes: ['developpement-durable'],
    occurrences: [
      { startsAt: '2027-11-05T13:00:00.000Z', endsAt: '2027-11-05T16:00:00.000Z' },
      { startsAt: '2027-11-12T13:00:00.000Z', endsAt: '2027-11-12T16:00:00.000Z' },
    ],
    attendanceMode: 'onsite',
    place: {
      name: 'La Ruche',
      address: '12 rue de la Paix',
      postalCode: '35000',
      communeCode: '35238',
      communeName: 'Rennes',
      departmentCode: '35',
    },
    regionCode: '53',
    openToAll: true,
    accessibility: ['motor'],
    registration: { mode: 'essaim', capacity: 30 },
  },
  consent: { textVersion: 'proposition-2027-10', givenAt: '2027-10-20T08:00:00.000Z' },
  addressKey: 'hash',
  expiresAt: 1_859_151_600,
};
const context = { regionId: 'region-53', possibleOrganizationIds: ['organization-0001'] };
const first = eventDocumentId(submission.id, 0);

/** Applies createIfNotExists, createOrReplace and set/setIfMissing/unset patches, as the Content Lake would. */
function applied(existing: Map<string, SanityDocument>, mutations: ReturnType<typeof submissionMutations>) {
  const documents = new Map(existing);
  for (const mutation of mutations) {
    if ('createIfNotExists' in mutation) {
      if (!documents.has(mutation.createIfNotExists._id))
        documents.set(mutation.createIfNotExists._id, structuredClone(mutation.createIfNotExists));
    } else if ('createOrReplace' in mutation)
      documents.set(mutation.createOrReplace._id, mutation.createOrReplace);
    else {
      const {
        id,
        set = {},
        setIfMissing = {},
        unset = [],
      } = mutation.patch as {
        id: string;
        set?: Record<string, unknown>;
        setIfMissing?: Record<string, unknown>;
        unset?: string[];
      };
      const document = structuredClone(documents.get(id)) as Record<string, unknown>;
      const write = (path: string, value: unknown, onlyIfMissing: boolean) => {
        const keys = path.split('.');
        let target = document;
        for (const key of keys.slice(0, -1)) {
          target[key] ??= {};
          target = target[key] as Record<string, unknown>;
        }
        const last = keys.at(-1) as string;
        if (!onlyIfMissing || target[last] === undefined) target[last] = value;
      };
      for (const [path, value] of Object.entries(setIfMissing)) write(path, value, true);
      for (const [path, value] of Object.entries(set)) write(path, value, false);
      for (const path of unset) delete document[path];
      documents.set(id, document as SanityDocument);
    }
  }
  return documents;
}

describe('a submission’s drafts', () => {
  it('are one draft per date « À modérer », with the region, the place and the possible organisations, and the contact kept apart', () => {
    const documents = applied(new Map(), submissionMutations(submission, context, new Map()));
    expect([...documents.keys()].sort()).toEqual(
      [`drafts.${first}`, `drafts.${first}-2`, contactDocumentId(submission.id)].sort(),
    );
    const draft = documents.get(`drafts.${first}`);
    expect(draft).toMatchObject({
      _type: 'event',
      slug: { current: 'portes-ouvertes-de-la-ruche-012345' },
      startsAt: '2027-11-05T13:00:00.000Z',
      region: { _ref: 'region-53' },
      venue: { city: 'Rennes', communeCode: '35238' },
      accessibility: { motor: true, visual: false },
      moderation: {
        state: 'toModerate',
        submissionVersion: 1,
        possibleOrganizations: [{ _ref: 'organization-0001', _weak: true }],
      },
    });
    expect(draft?.body).toHaveLength(2);
    expect(JSON.stringify(draft)).not.toContain('camille@exemple.fr');
    expect(documents.get(contactDocumentId(submission.id))).toMatchObject({ email: 'camille@exemple.fr' });
  });

  it('are not written again for a version already written (a retried or replayed record)', () => {
    const documents = applied(new Map(), submissionMutations(submission, context, new Map()));
    expect(submissionMutations(submission, context, documents)).toEqual([]);
  });

  it('after publication, an edit starts from the published version (the moderator’s choices kept) and goes back to « À modérer »', () => {
    const drafts = applied(new Map(), submissionMutations(submission, context, new Map()));
    const published = {
      ...(drafts.get(`drafts.${first}`) as SanityDocument),
      _id: first,
      _rev: 'r1',
      organizer: { _type: 'reference', _ref: 'organization-0001' },
      moderation: { state: 'published', submissionVersion: 1, publishedAt: '2027-10-21T08:00:00Z' },
    };
    const existing = new Map<string, SanityDocument>([
      [first, published],
      [`drafts.${first}-2`, drafts.get(`drafts.${first}-2`) as SanityDocument],
    ]);
    const edit: Submission = {
      ...submission,
      version: 2,
      event: {
        ...submission.event,
        title: 'Nouveau titre',
        occurrences: [submission.event.occurrences[0] as never],
      },
    };
    const after = applied(existing, submissionMutations(edit, context, existing, 2));
    expect(after.get(first)).toBe(published);
    expect(after.get(`drafts.${first}`)).toMatchObject({
      title: 'Nouveau titre',
      organizer: { _ref: 'organization-0001' },
      moderation: { state: 'toModerate', submissionVersion: 2, publishedAt: '2027-10-21T08:00:00Z' },
    });
    expect(after.get(`drafts.${first}`)).not.toHaveProperty('_rev');
    // The date the edit removed: proposed as cancelled.
    expect(after.get(`drafts.${first}-2`)).toMatchObject({
      status: 'cancelled',
      moderation: { state: 'toModerate' },
    });
  });

  it('name every document they may touch, and the words a similar name is looked up by', () => {
    expect(submissionDocumentIds('abc', 2)).toEqual([
      'submission-abc',
      'submission-abc-2',
      'drafts.submission-abc',
      'drafts.submission-abc-2',
      'essaim-private.submission.abc',
    ]);
    expect(significantWords('Association La Ruche Solidaire de Rennes')).toEqual([
      'ruche',
      'solidaire',
      'rennes',
    ]);
  });
});

describe('the communes index beside the bundle', () => {
  it('is declared by every function that reads it, and read from beside the bundle once copied there', async () => {
    const readers = deployedFunctions.filter((fn) => fn.dataFiles);
    expect(readers.map((fn) => fn.name).sort()).toEqual(['listCommunes', 'submitEvent', 'updateSubmission']);
    const outdir = mkdtempSync(join(tmpdir(), 'essaim-communes-'));
    const listCommunes = readers.find((fn) => fn.name === 'listCommunes');
    await build({
      ...esbuildOptions(join('functions', listCommunes?.handler ?? ''), join(outdir, 'index.mjs')),
      sourcemap: false,
      logLevel: 'silent',
    });
    const root = join(import.meta.dirname, '..', '..');
    for (const command of dataFileCommands(listCommunes?.dataFiles ?? {}, root, outdir))
      execFileSync('sh', ['-c', command]);
    writeFileSync(join(outdir, 'package.json'), '{"type":"module"}');
    const { handler } = (await import(pathToFileURL(join(outdir, 'index.mjs')).href)) as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    const answer = await handler(
      {
        version: '2.0',
        routeKey: 'GET /communes',
        rawPath: '/communes',
        rawQueryString: 'codePostal=35000',
        headers: {},
        queryStringParameters: { codePostal: '35000' },
        requestContext: {
          requestId: 'test',
          http: { method: 'GET', path: '/communes', sourceIp: '127.0.0.1' },
        },
        isBase64Encoded: false,
      },
      { functionName: 'listCommunes', awsRequestId: 'test', getRemainingTimeInMillis: () => 10_000 },
    );
    rmSync(outdir, { recursive: true, force: true });
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toContainEqual(
      expect.objectContaining({ code: '35238', name: 'Rennes' }),
    );
  });
});
