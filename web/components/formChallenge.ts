import type { EssaimConfig } from './api.ts';

/** The forms whose proof of work editors may switch on (`GET /forms/challenge?form=…`). */
export type ChallengeForm =
  | 'contact'
  | 'registration'
  | 'subscription'
  | 'personalData'
  | 'submission'
  | 'directory';

/**
 * The `altcha` field a form sends when editors switched its proof of work on: the API's
 * challenge, solved here (ALTCHA's solver, self-hosted, no tracking; in a chunk of its own,
 * loaded only then), as base64 of `{ challenge, solution }`. Undefined when the form needs none,
 * or when anything fails: the API then says what is missing, in French, on the form.
 */
export async function solvedFormChallenge(
  config: EssaimConfig,
  form: ChallengeForm,
): Promise<string | undefined> {
  try {
    const answer = await fetch(`${config.apiUrl}/forms/challenge?form=${form}`, {
      headers: { accept: 'application/json' },
    });
    if (!answer.ok) return undefined;
    const { required, challenge } = (await answer.json()) as { required?: boolean; challenge?: unknown };
    if (!required || !challenge) return undefined;
    const [{ solveChallenge }, { deriveKey }] = await Promise.all([
      import('altcha-lib'),
      import('altcha-lib/algorithms/web/sha'),
    ]);
    const solution = await solveChallenge({
      challenge: challenge as Parameters<typeof solveChallenge>[0]['challenge'],
      deriveKey,
      timeout: 30_000,
    });
    return solution ? btoa(JSON.stringify({ challenge, solution })) : undefined;
  } catch {
    return undefined;
  }
}
