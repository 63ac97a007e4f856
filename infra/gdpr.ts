import { parseArgs } from 'node:util';
import { systemClock } from '../functions/shared/clock.ts';
import { personalDataFinders } from './gdpr/finders.ts';
import { gdprTarget } from './gdpr/gdprTarget.ts';
import { erasePersonalData, exportPersonalData } from './gdpr/personalData.ts';
import { CommandError } from './operatorTables.ts';

/**
 * The data controller's answers to a person (RGPD): what the stack holds about an address,
 * and its erasure. Prints JSON on stdout; the address appears there only, never in the stack's
 * logs. Needs an operator's AWS credentials: read and write on the stack's tables and their
 * `byAddress` indexes, `ssm:GetParameter` on the key, `ses:GetSuppressedDestination`, and
 * `sqs:ListQueues`, `ReceiveMessage`, `DeleteMessage`, `ChangeMessageVisibility` on the
 * dead-letter queues.
 *
 *   npm run gdpr -- export <address> [--stage prod | --local]
 *   npm run gdpr -- erase <address> [--stage prod | --local]
 */
const usage = `Usage:
  npm run gdpr -- export <address> [--stage dev|prod | --local] [--dead-letters <file>…]
  npm run gdpr -- erase <address> [--stage dev|prod | --local] [--dead-letters <file>…]`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      stage: { type: 'string', default: 'dev' },
      'address-hash-key-parameter': { type: 'string' },
      'dead-letters': { type: 'string', multiple: true },
    },
  });
  const [command, address] = positionals;
  if ((command !== 'export' && command !== 'erase') || !address?.includes('@')) throw new CommandError(usage);
  if (values.stage !== 'dev' && values.stage !== 'prod') throw new CommandError('--stage is dev or prod.');
  const target = await gdprTarget({
    local: values.local,
    stage: values.stage,
    ...(values['address-hash-key-parameter'] ? { keyParameter: values['address-hash-key-parameter'] } : {}),
    ...(values['dead-letters'] ? { deadLetterFiles: values['dead-letters'] } : {}),
  });
  const now = systemClock.now();
  const result =
    command === 'export'
      ? await exportPersonalData(target, personalDataFinders, address, now)
      : await erasePersonalData(target, personalDataFinders, address, now);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  if (error instanceof CommandError) console.error(error.message);
  else console.error(`gdpr: ${(error as Error).name}: ${(error as Error).message}`);
  process.exit(1);
});
