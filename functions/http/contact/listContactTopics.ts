import { contactConfigFromEnv } from '../../domain/contact/topics.ts';
import { httpHandler, jsonResponse } from '../middleware/httpHandler.ts';

const { topics } = contactConfigFromEnv();

/** `GET /contact/topics`: what the contact form may offer. */
export const handler = httpHandler({}, async () =>
  jsonResponse(
    200,
    topics.map(({ id, label }) => ({ id, label })),
    { 'cache-control': 'public, max-age=300' },
  ),
);
