import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { openApiDocument } from './openApiDocument.ts';

const document = openApiDocument();

/** `GET /openapi.json` */
export const handler = httpHandler({}, async ({ event }) => cacheableJson(event, document, 300));
