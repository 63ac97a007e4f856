import type { HostedPage } from './pages.ts';

/**
 * The Content-Security-Policy of the hosted pages: scripts and styles from the pages' own
 * origin only (no inline script, no inline style), API calls and form posts to the API.
 * Host sites that embed the components need the same sources (README, "Intégrer sur votre site").
 */
export function pagesContentSecurityPolicy(apiOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    `connect-src 'self' ${apiOrigin}`,
    `form-action 'self' ${apiOrigin}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers of every hosted file, as CloudFront's response headers policies and the local server send them. */
export function commonPageHeaders(apiOrigin: string): Record<string, string> {
  return {
    'content-security-policy': pagesContentSecurityPolicy(apiOrigin),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    // Host pages (and the API's HTML answers) load the script and stylesheet from another origin.
    'cross-origin-resource-policy': 'cross-origin',
  };
}

/** What a page whose address carries a token adds: nobody indexes it, no link leaks the token. */
export const tokenPageHeaders: Readonly<Record<string, string>> = {
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'cache-control': 'no-store',
};

/** The headers of one page. */
export function pageHeaders(page: HostedPage, apiOrigin: string): Record<string, string> {
  return { ...commonPageHeaders(apiOrigin), ...(page.carriesToken ? tokenPageHeaders : {}) };
}

/** Cache lifetimes: versioned files never change; everything else may, within minutes. */
export const cacheControl = {
  immutable: 'public, max-age=31536000, immutable',
  revalidated: 'public, max-age=300, must-revalidate',
} as const;
