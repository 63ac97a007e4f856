import type { SecretName } from '../manifest.ts';

/**
 * A secret the function needs (webhook secret, link keys…). In AWS its value lives in SSM
 * Parameter Store as a SecureString named by `<NAME>_PARAMETER`, read through the AWS Parameters
 * and Secrets Lambda Extension (a layer the stack adds to the functions that declare a secret):
 * one plain HTTP GET on localhost, so no SSM client weighs on any bundle (it was 170 KiB in every
 * function, although loaded lazily); the extension caches values for 5 minutes. Locally the
 * `<NAME>` variable holds the value itself. Never from code.
 */
export async function secret(
  name: SecretName,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const parameterName = env[`${name}_PARAMETER`];
  if (parameterName) return parameterFromExtension(parameterName, env);
  return env[name] || undefined;
}

/**
 * A decrypted parameter from the extension's endpoint (port `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT`,
 * 2773 by default), authenticated by the invocation's session token as the extension requires.
 * It does not answer during Lambda's INIT phase: secrets are read on first use, in a request.
 */
async function parameterFromExtension(parameterName: string, env: NodeJS.ProcessEnv): Promise<string> {
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT || '2773';
  const query = new URLSearchParams({ name: parameterName, withDecryption: 'true' });
  const response = await fetch(`http://localhost:${port}/systemsmanager/parameters/get?${query}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) {
    // The body may quote the request; the status and the parameter's name are enough.
    await response.body?.cancel();
    throw new Error(`Reading parameter ${parameterName} failed: HTTP ${response.status}`);
  }
  const value = ((await response.json()) as { Parameter?: { Value?: unknown } }).Parameter?.Value;
  if (typeof value !== 'string') throw new Error(`Parameter ${parameterName} came without a value`);
  return value;
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
