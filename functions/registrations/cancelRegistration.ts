import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { countMetric } from '../shared/metrics.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import { registrationOfToken, registrationStore, registrationView } from './manageRegistration.ts';

/**
 * `DELETE /registrations/{token}`: cancels; cancelling again is harmless. A freed place goes
 * to the first person waiting (stream worker).
 */
export const handler = httpHandler({}, async ({ event }) => {
  const now = systemClock.now();
  // Counted before the token is checked: guessing tokens costs the same allowance.
  await limitOrRefuse([await clientAllowance(event, 'registrationLinks', now)], now);
  const registration = await registrationOfToken(event.pathParameters?.token ?? '');
  const previous = await registrationStore.cancel(registration, now);
  if (previous === 'confirmed' || previous === 'waitlisted') countMetric('registrationsCancelled');
  logger.info('Registration cancelled', { registrationId: registration.id, previous });
  // The token names this registration, so whatever it was, it is now cancelled.
  return jsonResponse(200, await registrationView({ ...registration, status: 'cancelled' }));
});
