import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretDeclarations, settingDeclarations } from '../../functions/shared/settings.ts';
import {
  blockInReadme,
  generatedBlocks,
  readmePath,
  secretsTable,
  settingsTable,
  withGeneratedBlocks,
} from '../../infra/settingsTables.ts';

const regenerate = 'regenerate them with `npm run -s settings:table -- --write`';

describe("README's configuration tables", () => {
  const readme = readFileSync(readmePath, 'utf8');

  for (const [name, block] of Object.entries(generatedBlocks())) {
    it(`${name} is the one the declarations give`, () => {
      const inReadme = blockInReadme(readme, name);
      expect(
        inReadme,
        `README.md has no ${name} markers: print them with \`npm run -s settings:table\``,
      ).toBeDefined();
      expect(inReadme, `README.md's ${name} differs from the declarations: ${regenerate}`).toBe(block);
    });
  }

  it('lists every setting and every secret, with the deployed defaults derived from the mail domain and stage', () => {
    const settings = settingsTable();
    for (const declaration of Object.values(settingDeclarations))
      expect(settings).toContain(`| \`${declaration.variable}\``);
    expect(settings).toContain('`ne-pas-repondre@<mailDomain>`');
    const secrets = secretsTable();
    for (const name of Object.keys(secretDeclarations)) expect(secrets).toContain(`| \`${name}\``);
    expect(secrets).toContain('`tokenKeysParameter`');
    expect(secrets).toContain('`/essaim/<stage>/address-hash-key`');
  });

  it('writes the blocks between their markers, and only there', () => {
    const stale = Object.keys(generatedBlocks()).reduce(
      (text, name) => text.replace(blockInReadme(text, name) as string, '| stale |'),
      readme,
    );
    expect(stale).not.toBe(readme);
    expect(withGeneratedBlocks(stale)).toBe(withGeneratedBlocks(readme));
    expect(withGeneratedBlocks(withGeneratedBlocks(readme))).toBe(withGeneratedBlocks(readme));
  });
});
