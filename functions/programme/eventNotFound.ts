import { ProblemError } from '../shared/http/problem.ts';

/** The 404 of every route that names an event by its slug. */
export const eventNotFound = (slug: string): ProblemError =>
  new ProblemError({
    status: 404,
    title: 'problem.notFound.title',
    detail: 'problem.eventNotFound.detail',
    params: { slug },
  });
