/**
 * A secret the function needs (Sanity token, webhook secret…). In AWS its value lives in SSM
 * Parameter Store as a SecureString named by `<NAME>_PARAMETER`, read once per container and
 * cached by Powertools; locally it comes from the `<NAME>` variable itself. Never from code.
 */
export async function secret(
  name: string,
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
