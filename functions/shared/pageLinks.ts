import { type HostedPageName, hostedPages } from '../../web/pages.ts';
import { setting } from './settings.ts';

/**
 * Addresses of the hosted visitor pages (`web/pages.ts`) under `PAGES_URL`: every link a mail,
 * a feed or a form's answer carries is made here.
 */
export function pageUrl(name: HostedPageName, query: Readonly<Record<string, string>> = {}): string {
  const url = new URL(hostedPages[name].path.slice(1), `${setting('pagesUrl').replace(/\/?$/, '/')}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/**
 * Where an event is shown: the network's own page when `EVENT_URL_PATTERN` is set (for example
 * `https://www.cress-exemple.fr/agenda/{slug}`), the hosted event page otherwise.
 */
export function eventPageUrl(slug: string | null): string {
  const pattern = setting('eventUrlPattern');
  if (pattern) return pattern.replaceAll('{slug}', encodeURIComponent(slug ?? ''));
  return pageUrl('event', { slug: slug ?? '' });
}
