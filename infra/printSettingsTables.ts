import { readFileSync, writeFileSync } from 'node:fs';
import { blockWithMarkers, generatedBlocks, readmePath, withGeneratedBlocks } from './settingsTables.ts';

/**
 * `npm run -s settings:table`: prints the README's configuration tables (function settings and
 * secrets, then the stack's own context values), made from the declarations, with their markers.
 * `npm run -s settings:table -- --write` replaces them in README.md between those markers.
 */
if (process.argv.includes('--write')) {
  writeFileSync(readmePath, withGeneratedBlocks(readFileSync(readmePath, 'utf8')));
} else {
  const blocks = Object.entries(generatedBlocks()).map(([name, block]) => blockWithMarkers(name, block));
  process.stdout.write(`${blocks.join('\n\n')}\n`);
}
