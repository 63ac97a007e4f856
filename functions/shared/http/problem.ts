import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { isMessageKey, type Language, type MessageKey, translate } from '../messages.ts';

/** One invalid field, as RFC 9457 suggests: a JSON pointer into the request and what is wrong. */
export interface FieldProblem {
  readonly pointer: string;
  readonly detail: string;
}

/** An RFC 9457 problem that a handler or middleware throws; the error middleware renders it. */
export class ProblemError extends Error {
  readonly status: number;
  readonly titleKey: MessageKey;
  readonly detailKey: MessageKey;
  readonly params: Record<string, string | number>;
  readonly fieldProblems: readonly FieldProblem[];
  readonly headers: Record<string, string>;

  constructor(options: {
    status: number;
    title: MessageKey;
    detail: MessageKey;
    params?: Record<string, string | number>;
    errors?: readonly FieldProblem[];
    headers?: Record<string, string>;
  }) {
    super(options.title);
    this.name = 'ProblemError';
    this.status = options.status;
    this.titleKey = options.title;
    this.detailKey = options.detail;
    this.params = options.params ?? {};
    this.fieldProblems = options.errors ?? [];
    this.headers = options.headers ?? {};
  }
}

const problemTypes: Record<number, string> = {
  400: 'https://essaim.org/problems/invalid-request',
  401: 'https://essaim.org/problems/unauthorized',
  403: 'https://essaim.org/problems/forbidden',
  404: 'https://essaim.org/problems/not-found',
  405: 'https://essaim.org/problems/method-not-allowed',
  409: 'https://essaim.org/problems/conflict',
  410: 'https://essaim.org/problems/gone',
  413: 'https://essaim.org/problems/payload-too-large',
  415: 'https://essaim.org/problems/unsupported-media-type',
  429: 'https://essaim.org/problems/too-many-requests',
  500: 'https://essaim.org/problems/internal-error',
  503: 'https://essaim.org/problems/busy',
};

export function renderProblem(
  problem: ProblemError,
  language: Language,
  instance?: string,
): APIGatewayProxyStructuredResultV2 {
  const body = {
    type: problemTypes[problem.status] ?? 'about:blank',
    title: translate(language, problem.titleKey, problem.params),
    status: problem.status,
    detail: translate(language, problem.detailKey, problem.params),
    ...(instance ? { instance } : {}),
    ...(problem.fieldProblems.length > 0 ? { errors: problem.fieldProblems } : {}),
  };
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-language': language,
      ...problem.headers,
    },
    body: JSON.stringify(body),
  };
}

/**
 * Turns zod issues into one field problem each. Our schemas carry catalogue keys as messages
 * (so they can be translated per request); anything else is zod's own localised message.
 */
export function fieldProblemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  language: Language,
  root: string,
): FieldProblem[] {
  return issues.flatMap((issue) => {
    // An unexpected key is reported once per key, at that key.
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return paths.map((path) => fieldProblem(issue, path, language, root));
  });
}

function fieldProblem(
  issue: z.core.$ZodIssue,
  path: readonly PropertyKey[],
  language: Language,
  root: string,
): FieldProblem {
  const pointer = `#/${[root, ...path.map(String)].filter(Boolean).map(escapePointer).join('/')}`;
  const maximum = 'maximum' in issue ? String(issue.maximum) : '';
  const detail = isMessageKey(issue.message)
    ? translate(language, issue.message, { maximum })
    : issue.message;
  return { pointer, detail };
}

const escapePointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');
