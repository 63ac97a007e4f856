import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const npm = (...args: string[]) =>
  spawnSync('npm', args, { cwd: root, encoding: 'utf8', env: { ...process.env, DO_NOT_TRACK: '1' } });

describe('Sanity Studio', () => {
  // `sanity build` succeeds even with an invalid schema. `sanity schema extract` loads the Studio's
  // configuration as `sanity schema validate` does and fails on the same errors, printed the same
  // way (tried with an unknown type and an invalid field name): one boot of the CLI checks both,
  // where two took 16 s each on a quiet machine and twice that beside the other tests.
  it('has a valid schema, and its extracted schema and generated query types up to date (`npm run typegen`)', () => {
    const generated = ['studio/schema.json', 'functions/shared/content/sanity.types.ts'].map((file) =>
      join(root, file),
    );
    const before = generated.map((file) => readFileSync(file, 'utf8'));
    const result = npm('run', '-s', 'typegen');
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    // Regenerating from the schema and the queries must change nothing that is committed.
    expect(
      generated.map((file) => readFileSync(file, 'utf8')),
      'run `npm run typegen` and commit the result',
    ).toEqual(before);
  });
});
