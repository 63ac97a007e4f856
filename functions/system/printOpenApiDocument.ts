import { openApiDocument } from './openApiDocument.ts';

// `npm run openapi`: prints the document (the README links the generated file).
process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
