import { cacheableJson } from '../middleware/cacheableResponse.ts';
import { httpHandler } from '../middleware/httpHandler.ts';
import { openApiDocument } from '../openapi/openApiDocument.ts';

const document = openApiDocument();

/** `GET /openapi.json` */
export const handler = httpHandler({}, async ({ event }) => cacheableJson(event, document, 300));
