import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import type { ZodType } from 'zod';
import { type HttpRoute, httpRoutes } from '../../functions/catalogue.ts';
import { answerApiRequest } from '../../infra/local/apiServer.ts';

/**
 * Fuzzing the API as its OpenAPI document describes it: every operation, requests generated
 * from its parameters' and bodies' JSON Schemas (valid ones, valid ones broken one field at a
 * time, arbitrary JSON, non-JSON), each from a source address of its own (rate limits per client
 * would otherwise answer most of them), through the same route table, events and handlers as the
 * local API Gateway. An answer must be documented: its status among the operation's responses,
 * never a 5xx but a documented `503` (busy), and a JSON body that parses with the documented zod
 * schema (`application/problem+json` for errors).
 */
type JsonSchema = { readonly [key: string]: unknown };
type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
type OpenApiOperation = {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

export interface FuzzOperation {
  readonly method: string;
  readonly path: string;
  readonly route: HttpRoute;
  readonly operation: OpenApiOperation;
}

export interface FuzzRequest {
  readonly operation: FuzzOperation;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly sourceIp: string;
}

/** Every operation of the document, with the route that serves it. */
export function fuzzOperations(document: OpenApiDocument): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const route = httpRoutes.find(
        (candidate) => candidate.path === path && candidate.method === method.toUpperCase(),
      );
      return route ? [{ method: method.toUpperCase(), path, route, operation }] : [];
    }),
  );
}

/** Strings that broke parsers somewhere: empty, huge, markup, prototype names, placeholders, controls. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    '%00',
    '\u0000\u001f',
    '<script>alert(1)</script>',
    '{{greeting}}',
    '__proto__',
    'constructor',
    'toString',
    '𝔈𝔰𝔰𝔞𝔦𝔪',
    'a'.repeat(5000),
    'x@y',
    'lea@exemple.fr',
    '-1',
    '1e309',
    'null',
    '[]',
  ),
);

/** A value of a JSON Schema (as zod writes them: objects, strings, numbers, arrays, enums, consts). */
export function schemaValue(schema: JsonSchema, document: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  const ref = schema.$ref as string | undefined;
  if (ref)
    return schemaValue(document.components?.schemas?.[ref.split('/').pop() as string] ?? {}, document, depth);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const choices = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (choices?.length) return fc.oneof(...choices.map((choice) => schemaValue(choice, document, depth + 1)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const arbitraries = type.map((one): fc.Arbitrary<unknown> => {
    switch (one) {
      case 'string': {
        const max = Math.min((schema.maxLength as number | undefined) ?? 60, 300);
        const min = Math.min((schema.minLength as number | undefined) ?? 0, max);
        if (schema.format === 'email' || /mail/i.test(String(schema.description ?? '')))
          return fc.oneof(fc.emailAddress(), fc.string({ minLength: min, maxLength: max }));
        if (schema.format === 'date-time')
          return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
        return fc.string({ minLength: min, maxLength: max });
      }
      case 'integer':
        return fc.integer({
          min: Math.max((schema.minimum as number | undefined) ?? -1000, -1e6),
          max: Math.min((schema.maximum as number | undefined) ?? 1000, 1e6),
        });
      case 'number':
        return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        if (depth > 3) return fc.constant([]);
        return fc.array(schemaValue((schema.items as JsonSchema | undefined) ?? {}, document, depth + 1), {
          maxLength: Math.min((schema.maxItems as number | undefined) ?? 4, 6),
        });
      case 'object': {
        if (depth > 3) return fc.constant({});
        const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
        const required = (schema.required ?? []) as string[];
        return fc.record(
          Object.fromEntries(
            Object.entries(properties).map(([name, property]) => [
              name,
              schemaValue(property, document, depth + 1),
            ]),
          ),
          { requiredKeys: required.filter((name) => name in properties) },
        );
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  });
  return arbitraries.length === 1 ? (arbitraries[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbitraries);
}

/** A valid body broken once: a field dropped, given a hostile value, or one added. */
const broken = (value: unknown): fc.Arbitrary<unknown> => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fc.constant(value);
  const keys = Object.keys(value);
  return fc.oneof(
    keys.length
      ? fc
          .constantFrom(...keys)
          .map((key) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)))
      : fc.constant(value),
    keys.length
      ? fc
          .tuple(fc.constantFrom(...keys), fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 })))
          .map(([key, bad]) => ({ ...value, [key]: bad }))
      : fc.constant(value),
    fc.tuple(hostileString, hostileString).map(([key, bad]) => ({ ...value, [key]: bad })),
  );
};

/** A form post's body: arrays as repeated fields, true as a ticked box. */
function formEncoded(value: unknown): string {
  const form = new URLSearchParams();
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [name, field] of Object.entries(value))
      for (const one of Array.isArray(field) ? field : [field])
        form.append(name, one === true ? 'on' : typeof one === 'object' ? JSON.stringify(one) : String(one));
  return form.toString();
}

/**
 * A path parameter: never empty, `.` or `..` (an empty segment matches no route, and URLs lose
 * dot segments before any gateway sees them).
 */
const segmentValue = (samples: readonly string[]) =>
  fc
    .oneof(
      { weight: 3, arbitrary: samples.length ? fc.constantFrom(...samples) : hostileString },
      { weight: 2, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.base64String({ minLength: 10, maxLength: 200 }) },
    )
    .filter((text) => text.length > 0 && text !== '.' && text !== '..');

/** Requests of one operation. `samples` gives real values for path parameters (an event's slug…). */
export function requestsOf(
  operation: FuzzOperation,
  document: OpenApiDocument,
  samples: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.operation.parameters ?? [];
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const path = fc
    .tuple(...pathParameters.map((parameter) => segmentValue(samples[parameter.name] ?? [])))
    .map((values) =>
      pathParameters.reduce(
        (result, parameter, index) =>
          result.replace(`{${parameter.name}}`, encodeURIComponent(String(values[index] ?? ''))),
        operation.path,
      ),
    );
  const query = fc
    .tuple(
      ...queryParameters.map((parameter) =>
        fc.option(fc.oneof(schemaValue(parameter.schema ?? {}, document), hostileString), { freq: 2 }),
      ),
    )
    .map((values) => {
      const search = new URLSearchParams();
      queryParameters.forEach((parameter, index) => {
        const value = values[index];
        if (value !== null && value !== undefined) search.set(parameter.name, String(value));
      });
      return search.toString();
    });
  const content = operation.operation.requestBody?.content ?? {};
  const types = Object.keys(content);
  const schema = Object.values(content)[0]?.schema;
  const value = schema ? schemaValue(schema, document) : fc.constant(undefined);
  const body = fc.oneof(
    { weight: 4, arbitrary: value },
    { weight: 3, arbitrary: value.chain(broken) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  const contentType = fc.constantFrom(
    ...types,
    'application/json',
    'text/plain',
    'application/json; charset=utf-8',
    '',
  );
  const raw = fc.oneof(hostileString, fc.constant('{"name":'), fc.constant('a=1&a=2&__proto__=x'));
  const encoded = fc.tuple(contentType, body, fc.boolean(), raw).map(([type, payload, asRaw, text]) => ({
    type,
    text: asRaw
      ? text
      : type.includes('x-www-form-urlencoded')
        ? formEncoded(payload)
        : payload === undefined
          ? ''
          : JSON.stringify(payload),
  }));
  const sourceIp = fc.oneof(fc.ipV4(), fc.ipV6());
  const language = fc.constantFrom('fr', 'en', 'fr-FR,fr;q=0.9', '*', 'xx', '');
  return fc
    .tuple(path, query, encoded, sourceIp, language)
    .map(([p, q, encodedBody, ip, acceptLanguage]) => ({
      operation,
      url: q ? `${p}?${q}` : p,
      headers: {
        ...(encodedBody.type ? { 'content-type': encodedBody.type } : {}),
        ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
        accept: 'application/json, text/html;q=0.9',
      },
      body: types.length > 0 || operation.method !== 'GET' ? encodedBody.text : '',
      sourceIp: ip,
    }));
}

/** The route's answer to a request, as the local API Gateway would give it. */
export async function answerOf(request: FuzzRequest): Promise<APIGatewayProxyStructuredResultV2> {
  const domainName = '127.0.0.1:3100';
  const result: APIGatewayProxyResultV2 = await answerApiRequest(
    { headers: request.headers, httpVersion: '1.1', socket: { remoteAddress: request.sourceIp } },
    {
      url: new URL(`http://${domainName}${request.url}`),
      method: request.operation.method,
      body: Buffer.from(request.body, 'utf8'),
      domainName,
      requestId: randomUUID(),
    },
  );
  return typeof result === 'string' ? { statusCode: 200, body: result } : result;
}

type DocumentedResponse = { content?: Record<string, { schema?: ZodType }> };

/** What is wrong with an answer (null: it is as documented). */
export function undocumented(request: FuzzRequest, answer: APIGatewayProxyStructuredResultV2): string | null {
  const status = answer.statusCode ?? 200;
  const responses = (request.operation.route.openapi.responses ?? {}) as Record<string, DocumentedResponse>;
  const documented = responses[String(status)];
  if (!documented) return `status ${status} is not documented`;
  if (status >= 500 && status !== 503) return `status ${status}`;
  const contentType = String(
    Object.entries(answer.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '',
  ).split(';')[0] as string;
  if (!documented.content || status === 304) return null;
  // A refused form post answers the form again (HTML), as its 303 says.
  if (!(contentType in documented.content)) {
    if (contentType === 'text/html' && status >= 400 && request.headers['content-type']?.includes('form'))
      return null;
    return `content type "${contentType}" is not documented for ${status}`;
  }
  const schema = documented.content[contentType]?.schema;
  if (!schema) return null;
  if (!contentType.endsWith('json')) return null;
  const text = answer.isBase64Encoded
    ? Buffer.from(answer.body ?? '', 'base64').toString('utf8')
    : (answer.body ?? '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `a ${contentType} body that is not JSON`;
  }
  const parsed = (schema as ZodType).safeParse(body);
  return parsed.success
    ? null
    : `the ${status} body does not match its schema: ${parsed.error.message.slice(0, 300)}`;
}

/** One request per operation in turn, a run of each: every route gets its share. */
export function everyOperation(
  document: OpenApiDocument,
  samples: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...fuzzOperations(document).map((operation) => requestsOf(operation, document, samples)));
}
