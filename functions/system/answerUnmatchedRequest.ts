import { httpHandler } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { methodsAt } from './publishedDocument.ts';

/** The `$default` route: 405 with `Allow` when the path exists under other methods, else 404. */
export const handler = httpHandler({ maxBodyBytes: Number.POSITIVE_INFINITY }, async ({ event }) => {
  const method = event.requestContext.http.method;
  const allowed = methodsAt(event.rawPath);
  if (allowed.length > 0) {
    throw new ProblemError({
      status: 405,
      title: 'problem.methodNotAllowed.title',
      detail: 'problem.methodNotAllowed.detail',
      params: { method, allowed: allowed.join(', ') },
      headers: { allow: allowed.join(', ') },
    });
  }
  throw new ProblemError({
    status: 404,
    title: 'problem.notFound.title',
    detail: 'problem.notFound.detail',
    params: { path: event.rawPath },
  });
});
