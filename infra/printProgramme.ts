import { runProgrammeCommand } from '../functions/printedProgramme/programmeCommand.ts';

/**
 * `npm run programme:pdf -- --campaign <id> [--region <INSEE code>] [--out <file.pdf>] [--local]`:
 * a campaign's printed programme, national or one region's, written to a file (see
 * `functions/printedProgramme/programmeCommand.ts`).
 */
process.exitCode = await runProgrammeCommand(process.argv.slice(2));
