import committed from '../../docs/openapi.json' with { type: 'json' };
import type { HttpMethod } from '../manifest.ts';
import { matchPath } from '../shared/http/pathMatching.ts';

/**
 * The OpenAPI document as the repository commits it (`npm run -s openapi > docs/openapi.json`;
 * a unit test fails while it differs from what the manifests give). The functions that answer
 * with it or from it read this copy: building the document takes every manifest, zod and
 * zod-openapi (250 KiB in a bundle), the copy 56 KiB of JSON.
 */
export const publishedDocument = committed;

const methods: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods the API answers at a path (none: no route has it), as API Gateway matches paths. */
export function methodsAt(path: string): HttpMethod[] {
  const allowed = new Set<HttpMethod>();
  for (const [template, item] of Object.entries(publishedDocument.paths)) {
    if (!matchPath(template, path)) continue;
    for (const method of methods) if (method.toLowerCase() in item) allowed.add(method);
  }
  return [...allowed];
}
