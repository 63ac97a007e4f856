import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalStack } from '../infra/local/localStack.ts';
import { coldStartBenchmark } from './coldStart.ts';

/**
 * `npm run bench`: every benchmark, against an in-memory local stack on its own ports.
 * Numbers are printed as ratios to a raw baseline measured in the same run.
 */
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
const stack = await startLocalStack({
  apiPort: 3200,
  sesPort: 8205,
  dynamoDbPort: 8200,
  contentLakePort: 8210,
});
try {
  await coldStartBenchmark(stack);
} finally {
  await stack.stop();
}
