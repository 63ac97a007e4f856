import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { systemClock } from '../clock.ts';
import { currentSiteSettings } from '../content/siteSettings.ts';
import { type ChallengeForm, verifyFormChallenge } from '../forms/formChallenge.ts';
import { clientAllowance, limitOrRefuse } from '../rateLimits.ts';
import { postedFormOf } from './formPosts.ts';
import { ProblemError } from './problem.ts';

/** Whether editors switched the proof of work on for this form (site settings, in the Studio). */
export async function challengeRequired(form: ChallengeForm): Promise<boolean> {
  const { settings } = await currentSiteSettings();
  return (settings?.formChallenges ?? []).includes(form);
}

const refused = (detail: 'challenge.missing' | 'challenge.invalid' | 'challenge.replayed') =>
  new ProblemError({ status: 400, title: 'problem.challenge.title', detail });

/**
 * Takes the form's `altcha` field out of the body (the form's own schema never sees it) and,
 * when editors switched the proof of work on for this form, requires it: a solution that is not
 * ours, expired or already used is refused (400); a plain HTML form post (no JavaScript, no
 * solution) passes under a stricter limit per client (`formsWithoutChallenge`); a JSON request
 * without a solution is refused.
 */
export function formChallengeCheck(form: ChallengeForm): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async ({ event }) => {
      const body = event.body as unknown;
      let solution: unknown;
      if (body && typeof body === 'object' && !Array.isArray(body) && 'altcha' in body) {
        solution = (body as Record<string, unknown>).altcha;
        delete (body as Record<string, unknown>).altcha;
      }
      if (!(await challengeRequired(form))) return;
      if (typeof solution === 'string' && solution.length > 0 && solution.length < 10_000) {
        const outcome = await verifyFormChallenge(solution);
        if (outcome === 'verified') return;
        throw refused(outcome === 'replayed' ? 'challenge.replayed' : 'challenge.invalid');
      }
      if (solution !== undefined) throw refused('challenge.invalid');
      if (!postedFormOf(event)) throw refused('challenge.missing');
      const now = systemClock.now();
      await limitOrRefuse([await clientAllowance(event, 'formsWithoutChallenge', now)], now);
    },
  };
}
