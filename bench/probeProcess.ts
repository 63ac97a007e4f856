import { spawn } from 'node:child_process';

/**
 * Runs a probe (ES module source) in a fresh Node process, as Lambda runs a bundle
 * (`--enable-source-maps`), and answers what it printed; a failure carries what it wrote to stderr.
 */
export function runProbeProcess(
  probe: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', probe, ...args],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`The probe failed: ${err}`));
      else resolve(out);
    });
  });
}
