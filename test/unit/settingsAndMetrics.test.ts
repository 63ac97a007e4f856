import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Metrics then print through the global console (which the test reads) rather than their own.
vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
  // … which would otherwise also turn them off.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  // As Lambda sets it for a function that is not provisioned: Powertools counts cold starts only then.
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
});

import { httpHandler, jsonResponse } from '../../functions/shared/http/httpHandler.ts';
import { countMetric, metrics } from '../../functions/shared/metrics.ts';
import { type SettingName, setting, settingDeclarations } from '../../functions/shared/settings.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';

describe('settings', () => {
  const names = Object.keys(settingDeclarations) as SettingName[];

  it('all have a default that parses, and a local value that parses, so every function starts unconfigured', () => {
    for (const name of names) {
      const declaration = settingDeclarations[name];
      expect(() => setting(name, {}), declaration.variable).not.toThrow();
      if ('local' in declaration && declaration.local !== undefined)
        expect(
          () => setting(name, { [declaration.variable]: declaration.local }),
          declaration.variable,
        ).not.toThrow();
    }
    expect(setting('contactRetentionDays', {})).toBe(365);
    expect(setting('contactRecipients', { CONTACT_RECIPIENTS: '{"*":["a@b.fr"]}' })).toEqual({
      '*': ['a@b.fr'],
    });
    expect(setting('corsOrigins', { CORS_ORIGINS: ' https://a.fr , https://b.fr,' })).toEqual([
      'https://a.fr',
      'https://b.fr',
    ]);
  });

  it('refuse a malformed value by the variable’s name, never repeating the value', () => {
    expect(() => setting('contactRetentionDays', { CONTACT_RETENTION_DAYS: 'un an' })).toThrow(
      'Setting CONTACT_RETENTION_DAYS is not valid',
    );
    expect(() =>
      setting('contactRecipients', { CONTACT_RECIPIENTS: '{"*":["secret@perso.fr", 12]}' }),
    ).toThrow(/^Setting CONTACT_RECIPIENTS is not valid$/);
    expect(() => setting('mailFrom', { MAIL_FROM: 'Essaim <x@y.fr>' })).toThrow(/MAIL_FROM/);
  });

  it('each have their own variable and context key', () => {
    const variables = names.map((name) => settingDeclarations[name].variable);
    expect(new Set(variables).size).toBe(variables.length);
    const contexts = names.flatMap((name) => settingDeclarations[name].context ?? []);
    expect(new Set(contexts).size).toBe(contexts.length);
  });
});

describe('metrics', () => {
  const printed: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    printed.length = 0;
  });
  const captureStdout = () =>
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      printed.push(String(line));
    });
  const emf = () =>
    printed
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map(
        (line) =>
          JSON.parse(line) as Record<string, unknown> & {
            _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
          },
      );

  it('publish a cold start once per container, and business counts, in the Embedded Metric Format', async () => {
    const handler = httpHandler({}, async () => {
      countMetric('registrationsConfirmed');
      return jsonResponse(201, {});
    });
    const event = {
      rawPath: '/x',
      headers: {},
      requestContext: { requestId: 'r', http: { method: 'GET' } },
    } as unknown as APIGatewayProxyEventV2;
    captureStdout();
    const first = (await handler(
      event,
      lambdaContext('registerForEvent'),
    )) as APIGatewayProxyStructuredResultV2;
    await handler(event, lambdaContext('registerForEvent'));
    vi.restoreAllMocks();
    expect(first.statusCode).toBe(201);
    const names = emf().flatMap((line) =>
      line._aws.CloudWatchMetrics.flatMap((group) => group.Metrics.map((m) => m.Name)),
    );
    expect(names.filter((name) => name === 'ColdStart')).toHaveLength(1);
    expect(names.filter((name) => name === 'registrationsConfirmed')).toHaveLength(2);
    expect(emf()[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Essaim');
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});
