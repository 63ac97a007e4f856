import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type FieldErrors, fieldErrorsOf } from '../forms/formMarkup.ts';
import type { Language } from '../messages.ts';
import { setting } from '../settings.ts';

/**
 * Plain HTML forms, as Formspree and Netlify Forms take them: a route that declares
 * `formPost` also accepts `application/x-www-form-urlencoded`. The fields become the JSON body
 * the route validates as usual; an accepted form answers `303 See Other` to a thank-you page,
 * a refused one answers the form again, filled in, with its errors (an HTML page, the same
 * status as the JSON problem). JSON requests are untouched.
 */
export interface FormPostOptions {
  /** Fields that are checkboxes: `true` when ticked (browsers send `on` or their `value`). */
  readonly checkboxes?: readonly string[];
  /** Fields a form repeats (a group of checkboxes): always an array, `[]` when none is ticked. */
  readonly arrays?: readonly string[];
  /** The fields the form has, for its error messages (others go to the form-wide message). */
  readonly fields: readonly string[];
  /** The hosted thank-you page for an accepted answer (its JSON body), as an absolute URL. */
  readonly thanks: (
    answer: { readonly statusCode: number; readonly body: unknown },
    event: APIGatewayProxyEventV2,
  ) => string;
  /** The page that answers a refused form: the form again, with the values sent and the errors. */
  readonly errorPage: (refused: RefusedForm) => Promise<string>;
}

export interface RefusedForm {
  readonly event: APIGatewayProxyEventV2;
  readonly language: Language;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** What the visitor typed (never the honeypot), to fill the form in again. */
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  /** The `_next` the form carried, when it is an allowed address. */
  readonly next: string | undefined;
}

interface PostedForm {
  readonly values: Record<string, string>;
  readonly next: string | undefined;
}

/** The form posts under way, by request (the event object is one request's). */
const postedForms = new WeakMap<APIGatewayProxyEventV2, PostedForm>();

export const postedFormOf = (event: APIGatewayProxyEventV2): PostedForm | undefined => postedForms.get(event);

const isFormPost = (event: APIGatewayProxyEventV2) =>
  (event.headers?.['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/**
 * `_next` is followed only to an origin the network configured (its sites, the hosted pages):
 * the API never becomes an open redirect.
 */
export function allowedNext(next: string | null): string | undefined {
  const url = next ? URL.parse(next) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  const allowed = new Set([...setting('corsOrigins'), new URL(setting('pagesUrl')).origin]);
  return allowed.has(url.origin) ? url.href : undefined;
}

/** Turns a posted form into the JSON body the route's schema reads (before the JSON parser). */
export function formPostBody(options: FormPostOptions): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: ({ event }) => {
      if (!isFormPost(event)) return;
      const text = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
        : (event.body ?? '');
      const fields = new URLSearchParams(text);
      const body: Record<string, unknown> = {};
      const values: Record<string, string> = {};
      for (const [name, value] of fields) {
        // `_next` and other `_` fields steer the form; they are not part of the request.
        if (name.startsWith('_')) continue;
        if (options.arrays?.includes(name)) {
          body[name] = [...((body[name] as string[] | undefined) ?? []), value];
          values[name] = values[name] ? `${values[name]}\n${value}` : value;
          continue;
        }
        body[name] = options.checkboxes?.includes(name) ? value !== '' && value !== 'false' : value;
        if (name !== 'website') values[name] = value;
      }
      for (const array of options.arrays ?? []) body[array] ??= [];
      for (const checkbox of options.checkboxes ?? []) {
        body[checkbox] ??= false;
        if (body[checkbox] === true) values[checkbox] = 'true';
      }
      postedForms.set(event, { values, next: allowedNext(fields.get('_next')) });
      event.body = JSON.stringify(body);
      event.isBase64Encoded = false;
      event.headers = { ...event.headers, 'content-type': 'application/json' };
    },
    after: (request) => {
      const posted = postedForms.get(request.event);
      const response = request.response as APIGatewayProxyStructuredResultV2 | undefined;
      if (!posted || !response || (response.statusCode ?? 200) >= 300) return;
      const body = typeof response.body === 'string' ? (JSON.parse(response.body) as unknown) : null;
      const thanks = new URL(options.thanks({ statusCode: response.statusCode ?? 200, body }, request.event));
      // A network's own thank-you page learns the outcome from the same query the hosted page reads.
      const location = posted.next ? withQueryOf(posted.next, thanks) : thanks.href;
      request.response = {
        statusCode: 303,
        headers: { location, 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' },
        body: '',
      };
    },
  };
}

function withQueryOf(next: string, thanks: URL): string {
  const url = new URL(next);
  for (const [name, value] of thanks.searchParams) url.searchParams.set(name, value);
  return url.href;
}

/** The HTML answer to a refused form post, or null when the request was not a form post. */
export async function refusedFormPage(
  options: FormPostOptions | undefined,
  event: APIGatewayProxyEventV2,
  problem: {
    readonly status: number;
    readonly title: string;
    readonly detail: string;
    readonly errors: readonly { pointer: string; detail: string }[];
  },
  language: Language,
): Promise<APIGatewayProxyStructuredResultV2 | null> {
  const posted = postedForms.get(event);
  if (!options || !posted || problem.status >= 500) return null;
  const errors =
    problem.errors.length > 0 ? fieldErrorsOf(problem.errors, options.fields) : { '': problem.detail };
  const html = await options.errorPage({
    event,
    language,
    status: problem.status,
    title: problem.title,
    detail: problem.detail,
    values: posted.values,
    errors,
    next: posted.next,
  });
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: html,
  };
}

/**
 * The Content-Security-Policy of the API's HTML answers: the hosted pages' stylesheet, a form
 * that posts back to the API, nothing else. Set after the security-headers middleware's.
 */
export function htmlAnswerHeaders(): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> {
  const apply = (request: { response?: APIGatewayProxyStructuredResultV2 | null | undefined }) => {
    const headers = request.response?.headers;
    if (!headers || !String(headers['content-type'] ?? '').startsWith('text/html')) return;
    const pages = new URL(setting('pagesUrl')).origin;
    headers['Content-Security-Policy'] =
      `default-src 'none'; style-src ${pages}; img-src ${pages} data:; form-action 'self' ${pages}; base-uri 'none'; frame-ancestors 'none'`;
    // The security headers' default (`require-corp`) would refuse the pages' stylesheet.
    headers['Cross-Origin-Embedder-Policy'] = 'unsafe-none';
  };
  return { after: apply, onError: apply };
}
