import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { registrationOfToken, registrationView } from './manageRegistration.ts';

/** `GET /registrations/{token}`: the registration a manage link designates. */
export const handler = httpHandler({}, async ({ event }) => {
  const registration = await registrationOfToken(event.pathParameters?.token ?? '');
  return jsonResponse(200, await registrationView(registration), { 'cache-control': 'no-store, private' });
});
