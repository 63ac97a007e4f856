import { configPath, hostedPages } from '../pages.ts';

/**
 * How a component finds the API: its `api` attribute, else `<meta name="essaim-api">` on the
 * host page, else the `config.json` published beside the script (the stack writes the API's
 * address there). Fetched once per page.
 */
export interface EssaimConfig {
  readonly apiUrl: string;
  /** The network's own event address with `{slug}`, when it shows events itself. */
  readonly eventUrlPattern?: string | null;
}

/** Where the script was served from: the hosted pages' origin. */
export const pagesBase = new URL('/', import.meta.url);

let published: Promise<EssaimConfig> | undefined;

export function configFor(element: HTMLElement): Promise<EssaimConfig> {
  const fromAttribute = element.getAttribute('api');
  const fromMeta = document.querySelector<HTMLMetaElement>('meta[name="essaim-api"]')?.content;
  const pattern = element.getAttribute('event-url');
  if (fromAttribute || fromMeta) {
    return Promise.resolve({
      apiUrl: (fromAttribute || fromMeta || '').replace(/\/$/, ''),
      eventUrlPattern: pattern,
    });
  }
  published ??= fetch(new URL(configPath, pagesBase)).then(async (response) => {
    if (!response.ok) throw new Error(`config.json: ${response.status}`);
    const config = (await response.json()) as EssaimConfig;
    return { ...config, apiUrl: config.apiUrl.replace(/\/$/, '') };
  });
  return published.then((config) => (pattern ? { ...config, eventUrlPattern: pattern } : config));
}

/** The event's page: the network's own when configured, the hosted page otherwise. */
export function eventUrl(config: EssaimConfig, slug: string): string {
  if (config.eventUrlPattern) return config.eventUrlPattern.replaceAll('{slug}', encodeURIComponent(slug));
  const url = new URL(hostedPages.event.path.slice(1), pagesBase);
  url.searchParams.set('slug', slug);
  return url.href;
}

export const hostedPageUrl = (name: keyof typeof hostedPages, query: Record<string, string> = {}): string => {
  const url = new URL(hostedPages[name].path.slice(1), pagesBase);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
};

/** An RFC 9457 answer, as the API gives it (French messages). */
export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly { readonly pointer: string; readonly detail: string }[];
}

export type ApiAnswer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; problem: Problem };

/** Calls the API in French; network failures become a problem the component can show. */
export async function callApi<T>(
  config: EssaimConfig,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(`${config.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        'accept-language': 'fr',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      problem: {
        status: 0,
        title: 'Service injoignable',
        detail: 'Impossible de joindre le service. Vérifiez votre connexion puis réessayez.',
      },
    };
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  const problem = (body ?? {}) as Partial<Problem>;
  return {
    ok: false,
    status: response.status,
    problem: {
      status: response.status,
      title: problem.title ?? 'Erreur',
      detail: problem.detail ?? 'Une erreur inattendue s’est produite. Réessayez dans quelques instants.',
      ...(problem.errors ? { errors: problem.errors } : {}),
    },
  };
}
