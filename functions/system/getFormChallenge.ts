import * as z from 'zod/mini';
import { systemClock } from '../shared/clock.ts';
import { challengeForms, newFormChallenge } from '../shared/forms/formChallenge.ts';
import { challengeRequired } from '../shared/http/formChallengeCheck.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';

export const formChallengeQuerySchema = z.object({ form: z.enum(challengeForms) });

/**
 * `GET /forms/challenge?form=contact`: whether editors switched the proof of work on for that
 * form and, if so, a new signed challenge for the visitor's browser to solve before sending.
 */
export const handler = httpHandler({ query: formChallengeQuerySchema }, async ({ event, query }) => {
  if (!(await challengeRequired(query.form))) return jsonResponse(200, { required: false });
  const now = systemClock.now();
  await limitOrRefuse([await clientAllowance(event, 'formChallenges', now)], now);
  return jsonResponse(200, { required: true, challenge: await newFormChallenge() });
});
