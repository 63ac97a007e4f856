import { BadRequest, parseJson, send, sendJson } from './http.ts';
import type { RequestContext, Route } from './routes.ts';
import {
  currentUserBody,
  datasetGrants,
  isStudioRole,
  publicUsers,
  type StudioUser,
  studioRoles,
  studioUser,
} from './users.ts';

/**
 * What the Studio asks besides data: its user and their grants, the project, assets, and the
 * services the local stand-in does not have (features, announcements, telemetry), each
 * answered in one line with what makes the Studio carry on without them.
 */
export const studioRoutes: Route[] = [
  { method: 'GET', path: /^\/users\/me$/, handle: async (c) => json(c, currentUserBody(userOf(c))) },
  { method: 'GET', path: /^\/auth\/id$/, handle: async (c) => json(c, { id: userOf(c).id }) },
  { method: 'POST', path: /^\/auth\/logout$/, handle: async (c) => json(c, {}) },
  { method: 'GET', path: /^\/users\/me\/keyvalue\/(.+)$/, handle: readKeyValues },
  { method: 'PUT', path: /^\/users\/me\/keyvalue$/, handle: writeKeyValues },
  { method: 'POST', path: /^\/users\/me\/keyvalue$/, handle: writeKeyValues },
  {
    method: 'GET',
    path: /^\/(?:projects\/[\w-]+\/)?users\/([\w,-]+)$/,
    handle: async (c, m) => json(c, publicUsers((m[1] ?? '').split(','))),
  },
  {
    method: 'GET',
    path: /^\/projects\/[\w-]+\/datasets\/[\w-]+\/acl$/,
    handle: async (c) => json(c, datasetGrants(userOf(c).role)),
  },
  {
    method: 'GET',
    path: /^\/projects\/[\w-]+\/datasets$/,
    handle: async (c) => json(c, [{ name: c.lake.dataset, aclMode: 'public', tags: [] }]),
  },
  { method: 'GET', path: /^\/projects\/([\w-]+)$/, handle: async (c) => json(c, project(c)) },
  { method: 'GET', path: /^\/projects\/[\w-]+\/features(?:\/.*)?$/, handle: async (c) => json(c, []) },
  // No project grants: the Studio then never uploads its schema (it would need "deployStudio").
  { method: 'GET', path: /^\/projects\/[\w-]+\/grants$/, handle: async (c) => json(c, {}) },
  { method: 'GET', path: /^\/projects\/[\w-]+\/user-applications$/, handle: async (c) => json(c, []) },
  // No releases, comments, tasks or scheduled publishing: the Studio hides what needs them.
  { method: 'GET', path: /^\/features$/, handle: async (c) => json(c, []) },
  { method: 'GET', path: /^\/journey\/announcements$/, handle: async (c) => json(c, []) },
  // Upsell and trial dialogs: `null` is "nothing to show".
  { method: 'GET', path: /^\/journey\/.+$/, handle: async (c) => json(c, null) },
  { method: 'GET', path: /^\/help$/, handle: async (c) => json(c, {}) },
  { method: 'GET', path: /^\/ping$/, handle: async (c) => json(c, { ok: true }) },
  { method: 'GET', path: /^\/intake\/telemetry-status$/, handle: async (c) => json(c, { status: 'denied' }) },
  { method: 'POST', path: /^\/intake\/.+$/, handle: async (c) => json(c, {}) },
  {
    method: 'GET',
    path: /^\/check\/cors$/,
    handle: async (c) =>
      json(c, { result: { allowed: Object.keys(c.cors).length > 0, withCredentials: true } }),
  },
  { method: 'POST', path: /^\/assets\/(images|files)\/[\w-]+$/, handle: upload },
  { method: 'GET', path: /^\/(images|files)\/[\w-]+\/[\w-]+\/([\w.-]+)$/, handle: serveAsset },
  { method: 'GET', path: /^\/local\/role$/, handle: chooseRole },
];

const json = (context: RequestContext, body: unknown) => sendJson(context.response, 200, body, context.cors);

/** On the functions' listener (no Studio user), the configured default user answers. */
const userOf = (context: RequestContext): StudioUser =>
  context.user ?? studioUser(context.lake.studioRole.current);

function project(context: RequestContext): Record<string, unknown> {
  const user = userOf(context);
  return {
    id: context.lake.projectId,
    displayName: 'Essaim (local)',
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    metadata: {},
    maxRetentionDays: 0,
    activityFeedEnabled: false,
    members: [
      { id: user.id, role: user.role, roles: [{ name: user.role }], isCurrentUser: true, isRobot: false },
    ],
    features: [],
  };
}

/** Studio preferences (`/users/me/keyvalue`): per user, kept while the stand-in runs. */
const keyValues = new Map<string, Map<string, unknown>>();

async function readKeyValues(context: RequestContext, match: RegExpMatchArray): Promise<void> {
  const values = keyValues.get(userOf(context).id);
  const keys = decodeURIComponent(match[1] ?? '').split(',');
  json(
    context,
    keys.map((key) => ({ key, value: values?.get(key) ?? null })),
  );
}

async function writeKeyValues(context: RequestContext): Promise<void> {
  const entries = parseJson((await context.body()).toString('utf8'), 'request body');
  const list = Array.isArray(entries) ? entries : [entries];
  const id = userOf(context).id;
  const values = keyValues.get(id) ?? new Map<string, unknown>();
  keyValues.set(id, values);
  for (const entry of list as { key?: unknown; value?: unknown }[]) {
    if (typeof entry?.key !== 'string') throw new BadRequest('Each entry needs a key');
    values.set(entry.key, entry.value ?? null);
  }
  json(context, list);
}

async function upload(context: RequestContext, match: RegExpMatchArray): Promise<void> {
  const document = await context.lake.assets.upload({
    kind: match[1] as 'images' | 'files',
    bytes: await context.body(),
    contentType: context.request.headers['content-type'],
    search: context.url.searchParams,
    identity: context.identity,
    publicUrl: context.publicUrl,
  });
  json(context, { document });
}

async function serveAsset(context: RequestContext, match: RegExpMatchArray): Promise<void> {
  const { bytes, contentType } = await context.lake.assets.read(
    match[1] as 'images' | 'files',
    match[2] ?? '',
  );
  const download = context.url.searchParams.get('dl');
  send(context.response, 200, bytes, {
    ...context.cors,
    // Images are shown by pages of any origin (the Studio's, a preview), as from a CDN.
    'access-control-allow-origin': context.cors['access-control-allow-origin'] ?? '*',
    'content-type': contentType,
    'content-length': String(bytes.length),
    'cache-control': 'public, max-age=3600',
    ...(download !== null ? { 'content-disposition': `attachment; filename="${download || match[2]}"` } : {}),
  });
}

/**
 * `GET /local/role?name=contributor`: the role of the Studio's local user from now on (until
 * the stand-in stops), to see what an editor without publish rights sees; lists the roles.
 */
async function chooseRole(context: RequestContext): Promise<void> {
  const name = context.url.searchParams.get('name');
  if (name !== null) {
    if (!isStudioRole(name)) throw new BadRequest(`Unknown role "${name}": ${studioRoles.join(', ')}`);
    context.lake.studioRole.current = name;
  }
  const current = context.lake.studioRole.current;
  const items = studioRoles
    .map(
      (role) =>
        `<li>${role === current ? `<strong>${role}</strong> (actuel)` : `<a href="?name=${role}">${role}</a>`}</li>`,
    )
    .join('');
  send(
    context.response,
    200,
    `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Rôle local du Studio</title><h1>Rôle de l’utilisateur local du Studio</h1><p>Une contributrice (contributor) écrit des brouillons mais ne publie pas ; une lectrice (viewer) ne modifie rien. Rechargez le Studio après avoir choisi.</p><ul>${items}</ul></html>`,
    { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  );
}
