import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { publishedDocument } from './publishedDocument.ts';

/** One document per address the API is called at (its own domain, a custom one…), made once. */
const documents = new Map<string, typeof publishedDocument>();

/** `GET /openapi.json`: the document, whose server is the address it was fetched from. */
export const handler = httpHandler({}, async ({ event }) => {
  const base = apiBaseUrl(event);
  let document = documents.get(base);
  if (!document) {
    document = {
      ...publishedDocument,
      servers: [{ url: base.replace(/\/+$/, ''), description: 'This API.' }],
    };
    documents.set(base, document);
  }
  return cacheableJson(event, document, 300);
});
