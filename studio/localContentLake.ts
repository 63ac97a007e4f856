import { type ClientConfig, createClient, type SanityClient } from '@sanity/client';
import type { WorkspaceOptions } from 'sanity';

/**
 * The variable `npm run dev` sets, when the stack runs the local Content Lake stand-in, to that
 * stand-in's address (`https://localhost:<CONTENT_LAKE_PORT>`). Sanity passes `SANITY_STUDIO_*`
 * variables to the browser bundle at build time. Unset: the Studio talks to Sanity's hosted API.
 */
export const localApiHostVariable = 'SANITY_STUDIO_LOCAL_API_HOST';

/**
 * What a workspace needs to run on the local stand-in instead of a Sanity project; every name is
 * an option of Sanity's `WorkspaceOptions` (checked below by the compiler).
 */
export interface LocalContentLakeOptions extends Partial<WorkspaceOptions> {
  readonly apiHost: string;
  readonly unstable_clientFactory: (options: ClientConfig) => SanityClient;
  readonly auth: { readonly loginMethod: 'cookie' };
  readonly search: { readonly strategy: 'groqLegacy' };
  readonly releases: { readonly enabled: false };
  readonly scheduledDrafts: { readonly enabled: false };
  readonly scheduledPublishing: { readonly enabled: false };
  readonly tasks: { readonly enabled: false };
  readonly announcements: { readonly enabled: false };
  readonly mediaLibrary: { readonly enabled: false };
}

// Fails to compile if an option above is not (any longer) a workspace option of `sanity`.
type UnknownOptions = Exclude<keyof LocalContentLakeOptions, keyof WorkspaceOptions>;
export const everyOptionIsSanitys: [UnknownOptions] extends [never] ? true : UnknownOptions = true;

/**
 * The workspace options that point the Studio at the local Content Lake stand-in. They are not
 * all public API of `sanity` (`unstable_clientFactory`, `tasks`, `announcements` are beta or
 * internal in 6.16.0, which is why the version is pinned exactly): the browser smoke test
 * (test/browser) is what tells when a new version changes them.
 *
 * - `apiHost` + `unstable_clientFactory`: every client the Studio makes goes to the stand-in, on
 *   its own host name (`useProjectHostname: false`; the stand-in serves one project). The
 *   `@sanity/sdk` inside the Studio still asks `https://<projectId>.<host>/users/me`: browsers
 *   resolve `*.localhost` to the loopback address, so that reaches the stand-in too.
 * - `auth.loginMethod: 'cookie'`: the Studio asks the stand-in's `GET /users/me` (with
 *   credentials, nothing from localStorage) and, answered with a user, shows no login page.
 * - `search.strategy: 'groqLegacy'`: the default strategy queries with `text::query()`, which
 *   groq-js (the stand-in's engine) does not implement.
 * - Features that need services the stand-in does not emulate (content releases, scheduled
 *   drafts and publishing, tasks, announcements, Media Library) are switched off rather than
 *   left to fail; comments too (see `withLocalContentLake`).
 */
export function localContentLakeOptions(apiHost: string): LocalContentLakeOptions {
  let url: URL;
  try {
    url = new URL(apiHost);
  } catch {
    throw new Error(
      `${localApiHostVariable} must be an address such as https://localhost:8010, not "${apiHost}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`${localApiHostVariable} must be an http(s) address, not "${apiHost}"`);
  const host = url.origin;
  return {
    apiHost: host,
    unstable_clientFactory: (options) =>
      createClient({ ...options, apiHost: host, useProjectHostname: false }),
    auth: { loginMethod: 'cookie' },
    search: { strategy: 'groqLegacy' },
    releases: { enabled: false },
    scheduledDrafts: { enabled: false },
    scheduledPublishing: { enabled: false },
    tasks: { enabled: false },
    announcements: { enabled: false },
    mediaLibrary: { enabled: false },
  };
}

/**
 * The production workspace, pointed at the local stand-in when `apiHost` is given (else returned
 * unchanged): same schema, structure, actions and French locale, with the title saying where the
 * data lives.
 */
export function withLocalContentLake<
  T extends { readonly title?: string; readonly document?: Record<string, unknown> },
>(workspace: T, apiHost: string | undefined): T {
  if (!apiHost) return workspace;
  return {
    ...workspace,
    ...localContentLakeOptions(apiHost),
    title: `${workspace.title ?? 'Studio'} (local)`,
    subtitle: 'Données locales',
    // Comments live in a separate dataset of a real project.
    document: { ...workspace.document, comments: { enabled: false } },
  };
}
