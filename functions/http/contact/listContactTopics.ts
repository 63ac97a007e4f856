import { currentContactConfig } from '../../content/contactSettings.ts';
import { cacheableJson } from '../middleware/cacheableResponse.ts';
import { httpHandler } from '../middleware/httpHandler.ts';

/** `GET /contact/topics`: what the contact form may offer (from the site settings). */
export const handler = httpHandler({}, async ({ event }) => {
  const { topics } = await currentContactConfig();
  return cacheableJson(
    event,
    topics.map(({ id, label }) => ({ id, label })),
    300,
  );
});
