import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { currentContactConfig } from './contactSettings.ts';

/** `GET /contact/topics`: what the contact form may offer (from the site settings). */
export const handler = httpHandler({}, async ({ event }) => {
  const { topics } = await currentContactConfig();
  return cacheableJson(
    event,
    topics.map(({ id, label }) => ({ id, label })),
    300,
  );
});
