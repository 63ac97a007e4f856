import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
/** An npm script, run asynchronously: the two Sanity commands below take a minute each, side by side. */
const npm = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('npm', args, { cwd: root, env: { ...process.env, DO_NOT_TRACK: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

const generated = ['studio/schema.json', 'functions/shared/content/sanity.types.ts'].map((file) =>
  join(root, file),
);
let validation: Awaited<ReturnType<typeof npm>>;
let typegen: { result: Awaited<ReturnType<typeof npm>>; before: string[]; after: string[] };

beforeAll(async () => {
  const before = generated.map((file) => readFileSync(file, 'utf8'));
  const [validated, regenerated] = await Promise.all([
    npm('run', '-s', 'studio:validate'),
    npm('run', '-s', 'typegen'),
  ]);
  validation = validated;
  typegen = { result: regenerated, before, after: generated.map((file) => readFileSync(file, 'utf8')) };
}, 300_000);

describe('Sanity Studio', () => {
  // `sanity build` succeeds even with an invalid schema: `sanity schema validate` is the gate.
  it('has a schema that `sanity schema validate` accepts', () => {
    expect(validation.stdout + validation.stderr).toMatch(/0 errors/);
    expect(validation.status).toBe(0);
  });

  it('has its extracted schema and the generated query types up to date (`npm run typegen`)', () => {
    expect(typegen.result.status, typegen.result.stderr).toBe(0);
    // Regenerating from the schema and the queries must change nothing that is committed.
    expect(typegen.after, 'run `npm run typegen` and commit the result').toEqual(typegen.before);
  });
});
