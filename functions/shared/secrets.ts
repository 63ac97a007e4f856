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

/** Checks a function's right to a secret before each use (the local stack's stand-in for IAM on SSM). */
type SecretGuard = (name: SecretName) => void;
let secretGuard: SecretGuard | undefined;

/** Set by the local runtime only: in AWS, IAM refuses `ssm:GetParameter` itself. */
export function guardSecretReads(guard: SecretGuard): void {
  secretGuard = guard;
}

/**
 * A value made from one secret (a key ring, a client), loaded once per container and retried
 * after a failed load. Every use is checked first where a guard is set: locally all functions
 * share one process and its cache, so the check cannot rest on the load alone.
 */
export function fromSecret<T>(
  name: SecretName,
  make: (value: string | undefined) => T | Promise<T>,
): () => Promise<T> {
  const load = cachedOnSuccess(async () => make(await secret(name)));
  return () => {
    secretGuard?.(name);
    return load();
  };
}
