import { ProblemError } from '../shared/http/problem.ts';
import { type Language, translate } from '../shared/messages.ts';
import { decodeCursor } from './programmeFilters.ts';

/**
 * The position a client sent back as `cursor` (null without one): an opaque pair made by
 * `encodeCursor`. A string that is not one of our cursors is the client's mistake, a 400 that
 * names the parameter.
 */
export function cursorParameter(
  cursor: string | undefined,
  language: Language,
): { afterStartsAt: string; afterId: string } | null {
  if (!cursor) return null;
  const position = decodeCursor(cursor);
  if (position) return position;
  throw new ProblemError({
    status: 400,
    title: 'problem.validation.title',
    detail: 'programme.cursor.invalid',
    errors: [{ pointer: '#/query/cursor', detail: translate(language, 'programme.cursor.invalid') }],
  });
}
