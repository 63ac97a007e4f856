import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpRoutes as routes } from '../../functions/catalogue.ts';
import { openApiDocument } from '../../functions/system/openApiDocument.ts';

describe('OpenAPI document', () => {
  const document = openApiDocument();

  it('describes every route of the route table under its operationId', () => {
    for (const route of routes) {
      const operation = document.paths?.[route.path]?.[route.method.toLowerCase() as 'get'];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.name);
    }
    expect(document.components?.schemas?.ContactMessageRequest).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['name', 'email', 'topic', 'message', 'consent']),
      additionalProperties: false,
    });
  });

  it('is the one committed in docs/openapi.json (regenerate with `npm run -s openapi > docs/openapi.json`)', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
