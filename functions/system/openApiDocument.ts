import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { httpRoutes } from '../catalogue.ts';

/** The OpenAPI 3.1 document of every route, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(serverUrl?: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of httpRoutes) {
    paths[route.path] ??= {};
    const pathItem = paths[route.path] as NonNullable<ZodOpenApiPathsObject[string]>;
    const parameters = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map(([, name]) => ({
      name: name as string,
      in: 'path' as const,
      required: true,
      schema: { type: 'string' as const },
    }));
    pathItem[route.method.toLowerCase() as Lowercase<typeof route.method>] = {
      operationId: route.name,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...route.openapi,
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Essaim API',
      version: '0.1.0',
      description:
        'Public API of Essaim: contact form, campaign programme, registrations. Errors are RFC 9457 ' +
        'problem details in French (English with `Accept-Language: en`).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
  });
}
