import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A local stack (`infra/local/dev.ts`) started by a test, and what it printed. */
export interface LocalStackProcess {
  readonly child: ChildProcess;
  /** Everything it printed on stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
  /** A crash: SIGKILL to the stack and to what it started (DynamoDB Local), no clean-up. */
  kill(): Promise<void>;
}

/**
 * Starts `infra/local/dev.ts` with `args` (the same code path as `npm run dev`) on the given
 * ports, with the tests' clock (the demo campaign's registrations are open then), and waits
 * until it prints `readyText`. A stack left running by someone else on the same ports never
 * passes for this one: this child's own output decides (it exits with a one-line "port in use").
 */
export async function startLocalStackProcess(options: {
  readonly args: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly readyText: string;
  readonly timeoutMs: number;
  /**
   * Where everything it prints is also written as it comes (`.essaim/logs/<name>.log`): what a
   * function logged before a test failed, even if the test run itself is killed.
   */
  readonly logName?: string;
}): Promise<LocalStackProcess> {
  let output = '';
  const logsDirectory = join(import.meta.dirname, '..', '..', '.essaim', 'logs');
  if (options.logName) mkdirSync(logsDirectory, { recursive: true });
  const log = options.logName ? createWriteStream(join(logsDirectory, `${options.logName}.log`)) : undefined;
  const child = spawn(
    process.execPath,
    [
      '--conditions=worker',
      join(import.meta.dirname, '..', '..', 'infra', 'local', 'dev.ts'),
      ...options.args,
    ],
    {
      env: {
        ...process.env,
        ESSAIM_NOW: '2027-10-20T08:00:00.000Z',
        POWERTOOLS_LOG_LEVEL: 'WARN',
        ...options.environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log?.write(chunk);
    if (process.env.ESSAIM_TEST_STACK_LOGS) process.stderr.write(chunk);
  };
  child.once('exit', () => log?.end());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Its children first named, then all killed at once: none outlives it to hold a port.
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    for (const pid of children)
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    await exited;
  };
  const deadline = Date.now() + options.timeoutMs;
  while (!output.includes(options.readyText)) {
    if (child.exitCode !== null) throw new Error(`The local stack stopped:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The local stack did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output, stop, kill };
}

/**
 * After a failed test, the end of what the stack printed (its warnings and errors: the tests'
 * stacks log from WARN up), so that a CI run's output shows what the functions saw.
 */
export function printStackTailAfterFailures(
  stack: LocalStackProcess | undefined,
  name: string,
  failed: boolean,
): void {
  if (!stack || !failed) return;
  const lines = stack.output().trimEnd().split('\n');
  console.error(
    `\nA test failed. The last ${Math.min(lines.length, 120)} lines the ${name} printed (all of it in .essaim/logs/${name}.log):\n${lines.slice(-120).join('\n')}\n`,
  );
}

/** The environment variables that put a stack's services on these ports. */
export const portEnvironment = (ports: {
  api: number;
  ses: number;
  dynamoDb: number;
  contentLake: number;
  pages: number;
}) => ({
  PORT: String(ports.api),
  PAGES_PORT: String(ports.pages),
  SES_PORT: String(ports.ses),
  DYNAMODB_PORT: String(ports.dynamoDb),
  CONTENT_LAKE_PORT: String(ports.contentLake),
});
