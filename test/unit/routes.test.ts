import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogueProblems,
  deployedFunctions,
  fallbackRoute,
  httpRoutes as routes,
  routesForPath,
  streamWorkers,
} from '../../functions/catalogue.ts';
import { matchPath } from '../../functions/shared/http/pathMatching.ts';

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');

describe('catalogue of the features', () => {
  it('has no duplicate name or route, and every table used is owned by a feature', () => {
    expect(catalogueProblems()).toEqual([]);
  });

  it('finds each function in its feature folder, in the module named after it', () => {
    for (const fn of deployedFunctions) {
      expect(fn.handler, fn.name).toBe(`${fn.feature}/${fn.name}.ts`);
      expect(existsSync(join(functionsDirectory, fn.handler)), fn.handler).toBe(true);
    }
  });

  it('names each route once and points at an existing handler module', () => {
    const names = [
      ...routes.map((route) => route.name),
      fallbackRoute.name,
      ...streamWorkers.map((worker) => worker.name),
    ];
    expect(new Set(names).size).toBe(names.length);
    for (const module of [
      ...routes.map((route) => route.handler),
      fallbackRoute.handler,
      ...streamWorkers.map((w) => w.handler),
    ]) {
      expect(existsSync(join(functionsDirectory, module)), module).toBe(true);
    }
    const keys = routes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches paths as API Gateway does', () => {
    expect(matchPath('/contact', '/contact')).toEqual({});
    expect(matchPath('/contact', '/contact/')).toBeNull();
    expect(matchPath('/events/{slug}', '/events/visite-scic-lyon')).toEqual({ slug: 'visite-scic-lyon' });
    expect(matchPath('/events/{slug}', '/events/caf%C3%A9-d%C3%A9bat')).toEqual({ slug: 'café-débat' });
    expect(matchPath('/events/{slug}', '/events/')).toBeNull();
    expect(matchPath('/events/{slug}', '/events/a/b')).toBeNull();
    expect(matchPath('/files/{path+}', '/files/a/b/c')).toEqual({ path: 'a/b/c' });
    // Malformed percent-encoding matches nothing (API Gateway answers 404, never a 5xx).
    expect(matchPath('/events/{slug}', '/events/%E0%A4%A')).toBeNull();
    expect(matchPath('/files/{path+}', '/files/a/%')).toBeNull();
  });

  it('finds every method a path is served under (for 405)', () => {
    expect(routesForPath('/contact').map(({ route }) => route.method)).toEqual(['POST']);
    expect(routesForPath('/nowhere')).toEqual([]);
  });
});
