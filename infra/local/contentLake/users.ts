import { evaluate, parse } from 'groq-js';
import type { DocumentChange } from '../contentLakeDocuments.ts';
import type { SanityDocument } from './applyMutation.ts';

/**
 * The one local user of the Studio, and the role they have. Sanity's standard roles: an
 * administrator, editor or developer may do everything to documents; a contributor may read
 * everything and write drafts only (so cannot publish, unpublish or delete); a viewer reads.
 */
export const studioRoles = ['administrator', 'editor', 'developer', 'contributor', 'viewer'] as const;
export type StudioRole = (typeof studioRoles)[number];

export const isStudioRole = (name: unknown): name is StudioRole => studioRoles.includes(name as StudioRole);

/**
 * A request's own role (tests; Playwright's `extraHTTPHeaders`), over the stand-in's current one
 * (`/local/role`). Not a cookie: the Studio's page (http://localhost:3333) and the stand-in
 * (https://localhost:8011) are different sites, whose cookies browsers may withhold.
 */
export const roleHeader = 'x-essaim-studio-role';

type Permission = 'read' | 'create' | 'update' | 'history';
interface Grant {
  readonly filter: string;
  readonly permissions: readonly Permission[];
}

const everything: Grant[] = [
  { filter: '_id in path("**")', permissions: ['read', 'create', 'history', 'update'] },
];
/** The dataset grants of each role, as `GET /projects/:p/datasets/:d/acl` answers them. */
const grantsOf: Record<StudioRole, Grant[]> = {
  administrator: everything,
  editor: everything,
  developer: everything,
  contributor: [
    { filter: '_id in path("**")', permissions: ['read', 'history'] },
    { filter: '_id in path("drafts.**")', permissions: ['create', 'update'] },
  ],
  viewer: [{ filter: '_id in path("**")', permissions: ['read', 'history'] }],
};

const roleTitles: Record<StudioRole, { title: string; name: string }> = {
  administrator: { title: 'Administrator', name: 'Administratrice locale' },
  editor: { title: 'Editor', name: 'Éditrice locale' },
  developer: { title: 'Developer', name: 'Développeuse locale' },
  contributor: { title: 'Contributor', name: 'Contributrice locale' },
  viewer: { title: 'Viewer', name: 'Lectrice locale' },
};

export interface StudioUser {
  readonly id: string;
  readonly role: StudioRole;
}

export const studioUser = (role: StudioRole): StudioUser => ({ id: `p-essaim-${role}`, role });

/** `GET /users/me`: what the Studio needs to skip its login page. */
export function currentUserBody(user: StudioUser): Record<string, unknown> {
  const { title, name } = roleTitles[user.role];
  return {
    id: user.id,
    name,
    email: `${user.role}@essaim.localhost`,
    profileImage: null,
    provider: 'sanity',
    role: user.role,
    roles: [
      {
        name: user.role,
        title,
        description: `Local ${title.toLowerCase()} (Essaim's Content Lake stand-in)`,
      },
    ],
  };
}

/** `GET /users/:ids` and `/projects/:p/users/:ids`: the local users the Studio shows as authors. */
export function publicUsers(ids: readonly string[]): Record<string, unknown>[] {
  return ids.flatMap((id) => {
    const role = studioRoles.find((candidate) => studioUser(candidate).id === id);
    if (!role) return [];
    const { name } = roleTitles[role];
    return [
      {
        id,
        displayName: name,
        familyName: null,
        givenName: name,
        middleName: null,
        imageUrl: null,
        isCurrentUser: false,
      },
    ];
  });
}

export const datasetGrants = (role: StudioRole): Grant[] => grantsOf[role];

const parsedFilters = new Map<string, ReturnType<typeof parse>>();
async function grantMatches(grant: Grant, doc: SanityDocument, user: StudioUser): Promise<boolean> {
  let tree = parsedFilters.get(grant.filter);
  if (!tree) {
    tree = parse(`*[${grant.filter}]`);
    parsedFilters.set(grant.filter, tree);
  }
  const result = await (await evaluate(tree, { dataset: [doc], identity: user.id })).get();
  return Array.isArray(result) && result.length === 1;
}

/** Refused a change for want of a grant (403, as the Content Lake answers). */
export class PermissionDenied extends Error {
  readonly permission: Permission;
  readonly documentId: string;

  constructor(permission: Permission, documentId: string) {
    super(`Insufficient permissions; permission "${permission}" required for "${documentId}"`);
    this.permission = permission;
    this.documentId = documentId;
  }
}

/** Throws unless the user's grants allow every change (create a new document, update the others). */
export async function authorizeChanges(user: StudioUser, changes: readonly DocumentChange[]): Promise<void> {
  for (const change of changes) {
    const permission: Permission = change.before ? 'update' : 'create';
    const doc = (change.after ?? change.before) as SanityDocument;
    let granted = false;
    for (const grant of grantsOf[user.role])
      if (grant.permissions.includes(permission) && (await grantMatches(grant, doc, user))) granted = true;
    if (!granted) throw new PermissionDenied(permission, change.id);
  }
}

/** The role a request's header names, else the stand-in's current one. */
export function requestedRole(
  headers: Record<string, string | string[] | undefined>,
  current: StudioRole,
): StudioRole {
  const header = headers[roleHeader];
  return typeof header === 'string' && isStudioRole(header) ? header : current;
}
