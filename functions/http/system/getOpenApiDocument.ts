import { httpHandler, jsonResponse } from '../middleware/httpHandler.ts';
import { openApiDocument } from '../openapi/openApiDocument.ts';

const document = openApiDocument();

/** `GET /openapi.json` */
export const handler = httpHandler({}, async () =>
  jsonResponse(200, document, { 'cache-control': 'public, max-age=300' }),
);
