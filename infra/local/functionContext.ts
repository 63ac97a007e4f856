import { AsyncLocalStorage } from 'node:async_hooks';
import type { DeployedFunction } from '../../functions/catalogue.ts';

/** One local invocation: the function whose code is running (its manifest entry, with its access). */
export interface Invocation {
  readonly function: DeployedFunction;
}

/**
 * Which function is running, in a process that runs them all. In AWS each function has its own
 * container and role; here every function shares one process and the same SDK clients, so the
 * local runtime tells them apart by the async context each invocation runs in.
 */
const invocations = new AsyncLocalStorage<Invocation>();

/** Runs `work` (a handler call, a handler module's loading) as `invocation.function`. */
export const runAsFunction = <T>(invocation: Invocation, work: () => T): T =>
  invocations.run(invocation, work);

/** The function the current code runs for, if any. */
export const currentInvocation = (): Invocation | undefined => invocations.getStore();
