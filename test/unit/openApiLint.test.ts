import {
  BaseResolver,
  createConfig,
  lintDocument,
  makeDocumentFromString,
  type NormalizedProblem,
} from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { httpRoutes } from '../../functions/catalogue.ts';
import { openApiDocument } from '../../functions/system/openApiDocument.ts';

/**
 * Redocly's `recommended` ruleset (built into @redocly/openapi-core: no file, no network), plus
 * rules it leaves off that a reader of this API needs. Every finding fails the test, warnings
 * included.
 */
const lintConfig = () =>
  createConfig({
    extends: ['recommended'],
    rules: {
      // A summary says what; the description says how (credentials, caching, what is kept).
      'operation-description': 'error',
      // Who to ask about the API.
      'info-contact': 'error',
      // Tags are declared once with a description (`tag-description`, already in `recommended`).
      'operation-tag-defined': 'error',
      // Left off, as in `recommended`: query parameters come from the handlers' zod schemas, whose
      // fields carry no descriptions yet (the operation descriptions explain the filters). Path
      // parameters are described, and checked below.
      'parameter-description': 'off',
    },
  });

async function findings(document: unknown): Promise<string[]> {
  const problems: NormalizedProblem[] = await lintDocument({
    document: makeDocumentFromString(JSON.stringify(document), 'openapi.json'),
    config: await lintConfig(),
    externalRefResolver: new BaseResolver(),
  });
  return problems.map(
    (problem) =>
      `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`,
  );
}

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; description?: string }[];
};
const operationOf = (document: ReturnType<typeof openApiDocument>, method: string, path: string) =>
  document.paths?.[path]?.[method.toLowerCase() as 'get'] as Operation | undefined;

describe('OpenAPI document under an established linter (Redocly, recommended rules)', () => {
  it('has no finding, warnings included', async () => {
    // On failure the list names each rule, where, and why.
    expect(await findings(openApiDocument())).toEqual([]);
  }, 30_000);

  it('has no finding when it names the server it is served from either', async () => {
    expect(await findings(openApiDocument('https://abc123.execute-api.eu-west-3.amazonaws.com/'))).toEqual(
      [],
    );
  }, 30_000);

  it('declares who may call each operation: public, or the credential it takes', () => {
    const document = openApiDocument();
    for (const route of httpRoutes)
      expect(
        operationOf(document, route.method, route.path)?.security,
        `${route.method} ${route.path}`,
      ).toBeDefined();
    expect(operationOf(document, 'GET', '/events/{slug}/attendees.csv')?.security).toEqual([
      { attendeeListToken: [] },
    ]);
    expect(operationOf(document, 'POST', '/webhooks/sanity')?.security).toEqual([
      { sanityWebhookSignature: [] },
    ]);
    expect(document.components?.securitySchemes).toMatchObject({
      attendeeListToken: { type: 'apiKey', in: 'query', name: 'token' },
      sanityWebhookSignature: { type: 'apiKey', in: 'header', name: 'sanity-webhook-signature' },
    });
    // The scheme's key is not declared a second time as a plain parameter.
    const csvParameters = operationOf(document, 'GET', '/events/{slug}/attendees.csv')?.parameters ?? [];
    expect(csvParameters.filter((parameter) => parameter.name === 'token')).toEqual([]);
  });

  it('describes every path parameter (a manage link’s token is its credential, and says so)', () => {
    const document = openApiDocument();
    for (const route of httpRoutes) {
      const parameters = operationOf(document, route.method, route.path)?.parameters ?? [];
      for (const parameter of parameters.filter((parameter) => parameter.in === 'path'))
        expect(parameter.description, `${parameter.name} of ${route.method} ${route.path}`).toBeTruthy();
    }
    for (const method of ['GET', 'DELETE']) {
      const operation = operationOf(document, method, '/registrations/{token}') as Operation & {
        description?: string;
      };
      expect(operation.security).toEqual([]);
      expect(operation.description).toContain('security schemes cannot describe');
    }
  });
});
