import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpContentNegotiation from '@middy/http-content-negotiation';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
// Only the two locales we speak: the `z.locales` namespace would bundle all of them.
import { en, fr } from 'zod/locales';
// Parsing with zod/mini's functions takes classic and mini schemas alike, without bundling the
// classic API (request schemas are written with zod/mini, see `shared/settings.ts`).
import * as z from 'zod/mini';
import { logger } from '../logger.ts';
import { type Language, languages, translate } from '../messages.ts';
import { metrics } from '../metrics.ts';
import { setting } from '../settings.ts';
import { type FormPostOptions, formPostBody, htmlAnswerHeaders, refusedFormPage } from './formPosts.ts';
import { fieldProblemsFromZod, ProblemError, renderProblem } from './problem.ts';

/** Bodies above this size are refused with 413 before any parsing (forms are small). */
export const defaultMaxBodyBytes = 16 * 1024;

export interface HttpRequest<Body, Query> {
  readonly body: Body;
  readonly query: Query;
  readonly language: Language;
  readonly event: APIGatewayProxyEventV2;
}

export interface HttpHandlerOptions<
  BodySchema extends z.core.$ZodType | undefined,
  QuerySchema extends z.core.$ZodType | undefined,
> {
  readonly body?: BodySchema;
  /** The body's schema when it depends on content (e.g. the contact topics editors set). */
  readonly bodySchema?: () => Promise<BodySchema>;
  readonly query?: QuerySchema;
  readonly maxBodyBytes?: number;
  /** Keep the body as the raw string (signature checks need the exact bytes). */
  readonly rawBody?: boolean;
  /** Also accept the route's body as a plain HTML form post (see `formPosts.ts`). */
  readonly formPost?: FormPostOptions;
  /**
   * The form's proof of work, when editors switch it on (`formChallengeCheck(form)`): passed in
   * by the form's route, so that ALTCHA stays out of every other function's bundle.
   */
  readonly formChallenge?: middy.MiddlewareObj<APIGatewayProxyEventV2>;
}

type Parsed<S> = S extends z.core.$ZodType ? z.output<S> : undefined;
type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const zodLocales: Record<Language, z.core.$ZodErrorMap> = {
  fr: fr().localeError,
  en: en().localeError,
};

/**
 * Wraps a thin HTTP adapter with the conventions every route shares: correlation id in logs,
 * language negotiation, body size limit, JSON parsing, zod validation with one French (or
 * English) message per invalid field, RFC 9457 errors, CORS and security headers.
 */
export function httpHandler<
  BodySchema extends z.core.$ZodType | undefined = undefined,
  QuerySchema extends z.core.$ZodType | undefined = undefined,
>(
  options: HttpHandlerOptions<BodySchema, QuerySchema>,
  handle: (
    request: HttpRequest<Parsed<BodySchema>, Parsed<QuerySchema>>,
  ) => Promise<APIGatewayProxyStructuredResultV2>,
): LambdaHandler {
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const expectsJson = options.body !== undefined || options.bodySchema !== undefined;
  const wrapped = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: ({ event }) => {
        logger.setCorrelationId(event.requestContext.requestId);
        logger.appendKeys({ route: event.routeKey });
      },
      after: (request) => {
        if (request.response) {
          request.response.headers = {
            ...request.response.headers,
            'x-correlation-id': request.event.requestContext.requestId,
          };
        }
      },
    })
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(httpCors({ origins: setting('corsOrigins'), disableBeforePreflightResponse: true }))
    // Before the security headers, so that its `after` runs last and its policy wins on HTML answers.
    .use(htmlAnswerHeaders())
    .use(httpSecurityHeaders())
    .use(problemErrorHandler(options.formPost))
    .use(httpHeaderNormalizer())
    .use(
      httpContentNegotiation({
        parseLanguages: true,
        availableLanguages: [...languages],
        failOnMismatch: false,
        parseCharsets: false,
        parseEncodings: false,
        parseMediaTypes: false,
      }),
    )
    .use(bodySizeLimit(maxBodyBytes, expectsJson || options.rawBody === true));

  if (expectsJson && options.formPost) wrapped.use(formPostBody(options.formPost));
  if (expectsJson) wrapped.use(httpJsonBodyParser());
  if (expectsJson && options.formChallenge) wrapped.use(options.formChallenge);

  return wrapped.handler(async (event, context) => {
    const language = languageOf(context);
    const bodySchema = options.bodySchema ? await options.bodySchema() : options.body;
    const body = bodySchema ? parseOrThrow(bodySchema, event.body, language, '') : undefined;
    const query = options.query
      ? parseOrThrow(options.query, event.queryStringParameters ?? {}, language, 'query')
      : undefined;
    return handle({ body, query, language, event } as HttpRequest<Parsed<BodySchema>, Parsed<QuerySchema>>);
  }) as unknown as LambdaHandler;
}

/** The language @middy/http-content-negotiation chose from Accept-Language (French by default). */
export function languageOf(context: Context): Language {
  const preferred = (context as { preferredLanguage?: string }).preferredLanguage;
  return preferred === 'en' ? 'en' : 'fr';
}

function parseOrThrow<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  language: Language,
  root: string,
): z.output<S> {
  const result = z.safeParse(schema, input, { error: zodLocales[language] });
  if (result.success) return result.data;
  throw new ProblemError({
    status: 400,
    title: 'problem.validation.title',
    detail: 'problem.validation.detail',
    errors: fieldProblemsFromZod(result.error.issues, language, root),
  });
}

function bodySizeLimit(maxBytes: number, expectsBody: boolean): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: ({ event }) => {
      if (!event.body) return;
      const bytes = event.isBase64Encoded
        ? Buffer.byteLength(event.body, 'base64')
        : Buffer.byteLength(event.body, 'utf8');
      if (bytes > maxBytes) {
        throw new ProblemError({
          status: 413,
          title: 'problem.payloadTooLarge.title',
          detail: 'problem.payloadTooLarge.detail',
          params: { limit: maxBytes },
        });
      }
      if (!expectsBody) event.body = undefined;
    },
  };
}

/**
 * Renders every failure as problem+json. Client mistakes found by middy's parsers become
 * 400/415; anything unexpected is logged (name and stack only, never the event) as a 500.
 */
function problemErrorHandler(
  formPost: FormPostOptions | undefined,
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const language = languageOf(request.context);
      const instance = request.event.rawPath;
      const error = request.error as (Error & { statusCode?: number; cause?: { package?: string } }) | null;
      let problem: ProblemError;
      if (error instanceof ProblemError) {
        problem = error;
      } else if (error?.cause?.package === '@middy/http-json-body-parser') {
        problem =
          error.statusCode === 415
            ? new ProblemError({
                status: 415,
                title: 'problem.unsupportedMediaType.title',
                detail: 'problem.unsupportedMediaType.detail',
              })
            : new ProblemError({
                status: 400,
                title: 'problem.malformedJson.title',
                detail: 'problem.malformedJson.detail',
              });
      } else if (error?.name === 'BusyError' || error?.name === 'TimeoutError') {
        // A crowd on one item outlasted the retries (shared/conflictRetries.ts; nothing written),
        // or the function's time ran out (middy answers just before Lambda would cut it off).
        logger.warn('Busy: the request could not be settled in time', { errorName: error.name });
        problem = new ProblemError({
          status: 503,
          title: 'problem.busy.title',
          detail: error.name === 'BusyError' ? 'problem.busy.detail' : 'problem.timeout.detail',
          headers: { 'Retry-After': '2' },
        });
      } else {
        logger.error('Unhandled error', { errorName: error?.name, stack: error?.stack });
        problem = new ProblemError({
          status: 500,
          title: 'problem.internal.title',
          detail: 'problem.internal.detail',
        });
      }
      request.response =
        (await refusedFormPage(
          formPost,
          request.event,
          {
            status: problem.status,
            title: translate(language, problem.titleKey, problem.params),
            detail: translate(language, problem.detailKey, problem.params),
            errors: problem.fieldProblems,
          },
          language,
        )) ?? renderProblem(problem, language, instance);
      // Errors too: whoever reports a problem can quote the id the logs carry.
      request.response.headers = {
        ...request.response.headers,
        'x-correlation-id': request.event.requestContext.requestId,
      };
    },
  };
}

/** A JSON answer with the headers every read or write needs. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
