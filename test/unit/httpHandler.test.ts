import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { settleWithinMilliseconds, untilSettled } from '../../functions/shared/conflictRetries.ts';
import { httpHandler, jsonResponse } from '../../functions/shared/http/httpHandler.ts';
import { logger } from '../../functions/shared/logger.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';

function event(overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /things',
    rawPath: '/things',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: '1',
      apiId: 'api',
      domainName: 'example.org',
      domainPrefix: 'api',
      http: {
        method: 'POST',
        path: '/things',
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'test',
      },
      requestId: 'req-1',
      routeKey: 'POST /things',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
    ...overrides,
  };
}

const thingSchema = z.strictObject({
  title: z.string({ error: 'field.required' }).max(5, { error: 'field.text.tooLong' }),
});
const handler = httpHandler({ body: thingSchema, maxBodyBytes: 100 }, async ({ body }) =>
  jsonResponse(201, { title: body.title }),
);

async function call(e: APIGatewayProxyEventV2) {
  const result = (await handler(e, lambdaContext('test'))) as APIGatewayProxyStructuredResultV2;
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return { ...result, headers, json: JSON.parse(result.body ?? 'null') };
}

describe('httpHandler', () => {
  it('parses and validates the body, then calls the adapter', async () => {
    const result = await call(event({ body: '{"title":"Atel"}' }));
    expect(result.statusCode).toBe(201);
    expect(result.json).toEqual({ title: 'Atel' });
    expect(result.headers?.['x-correlation-id']).toBe('req-1');
    expect(result.headers?.['x-content-type-options']).toBe('nosniff');
  });

  it('answers one French message per invalid field, with the limit in it', async () => {
    const result = await call(event({ body: '{"title":"Conférence"}' }));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(result.json).toMatchObject({
      status: 400,
      title: 'La requête contient des données invalides',
      errors: [{ pointer: '#/title', detail: 'Ce champ ne doit pas dépasser 5 caractères.' }],
    });
  });

  it('uses zod’s French locale where the schema has no message of its own', async () => {
    const handler = httpHandler({ body: z.object({ count: z.number().int() }) }, async () =>
      jsonResponse(200, {}),
    );
    const result = (await handler(
      event({ body: '{"count":"deux"}' }),
      lambdaContext('t'),
    )) as APIGatewayProxyStructuredResultV2;
    const problem = JSON.parse(result.body ?? '{}');
    expect(problem.errors[0].pointer).toBe('#/count');
    expect(problem.errors[0].detail).toMatch(/nombre/i);
  });

  it('refuses before parsing a body over the limit, malformed JSON, and a body that is not JSON', async () => {
    expect((await call(event({ body: `{"title":"${'x'.repeat(200)}"}` }))).statusCode).toBe(413);
    const malformed = await call(event({ body: '{"title":' }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json.title).toBe('Corps de requête illisible');
    expect(
      (await call(event({ body: 'title=x', headers: { 'content-type': 'text/plain' } }))).statusCode,
    ).toBe(415);
    expect((await call(event({ body: undefined }))).statusCode).toBe(400);
  });

  it('gives every answer its correlation id, errors included', async () => {
    for (const body of ['{"title":"Lou"}', '{"title":', `{"title":"${'x'.repeat(200)}"}`, '{}']) {
      const result = await call(event({ body }));
      expect(result.headers?.['x-correlation-id'], `${result.statusCode}`).toBe('req-1');
    }
  });

  it('refuses prototype pollution attempts', async () => {
    const result = await call(event({ body: '{"title":"a","__proto__":{"admin":true}}' }));
    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
  });

  it('turns an unexpected error into a 500 problem that reveals nothing, and logs no request data', async () => {
    const errorLog = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const failing = httpHandler({ body: thingSchema }, async () => {
      throw new Error('database password is hunter2');
    });
    const result = (await failing(
      event({ body: '{"title":"Lou"}' }),
      lambdaContext('t'),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('hunter2');
    expect(JSON.stringify(errorLog.mock.calls)).not.toContain('Lou');
    errorLog.mockRestore();
  });

  it('answers a crowd that outlasted the conflict retries with a French 503 and Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    let tries = 0;
    const crowded = httpHandler({ body: thingSchema }, async () =>
      untilSettled<APIGatewayProxyStructuredResultV2>('Thing', async () => {
        tries++;
        return undefined;
      }),
    );
    const pending = crowded(event({ body: '{"title":"Lou"}' }), lambdaContext('t'));
    await vi.advanceTimersByTimeAsync(settleWithinMilliseconds + 1000);
    vi.useRealTimers();
    const result = (await pending) as APIGatewayProxyStructuredResultV2;
    expect(tries).toBeGreaterThan(10);
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['Retry-After']).toBe('2');
    expect(JSON.parse(result.body ?? '{}').detail).toContain('Réessayez dans quelques secondes');
  });

  it('speaks English when asked', async () => {
    const result = await call(
      event({ body: '{}', headers: { 'content-type': 'application/json', 'accept-language': 'en' } }),
    );
    expect(result.headers?.['content-language']).toBe('en');
    expect(result.json.errors).toEqual([{ pointer: '#/title', detail: 'This field is required.' }]);
  });
});
