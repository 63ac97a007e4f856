import type { SecretName } from '../manifest.ts';

/**
 * A secret the function needs (webhook secret, link keys…). In AWS its value lives in SSM
 * Parameter Store as a SecureString named by `<NAME>_PARAMETER`, cached by Powertools for 5
 * minutes; locally it comes from the `<NAME>` variable itself. Never from code.
 */
export async function secret(
  name: SecretName,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const parameterName = env[`${name}_PARAMETER`];
  if (parameterName) {
    // Loaded only when a parameter is configured: the SSM client stays out of other cold starts.
    const { getParameter } = await import('@aws-lambda-powertools/parameters/ssm');
    return getParameter(parameterName, { decrypt: true, maxAge: 300 });
  }
  return env[name] || undefined;
}

/**
 * A value derived from secrets, loaded once per container. A failed load (SSM throttled, a
 * network blip) is not kept: the next call tries again rather than failing until a cold start.
 */
export function cachedOnSuccess<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
