import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { countMetric } from '../shared/metrics.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { requestLinkExpired, requestLinkInvalid, requestStore } from './personalDataContext.ts';
import { decideConfirmation } from './personalDataRequest.ts';
import { verifyRequestToken } from './requestLinks.ts';

/**
 * `POST /personal-data/requests/{token}/confirmation`: the owner's click on the confirmation
 * page (opening the mailed link changes nothing: link scanners open links). The request moves
 * to `confirmed`, and a stream worker exports or erases and mails. Harmless twice: a request
 * already confirmed or done is answered as such, and nothing is mailed again. A tampered or
 * unknown link is a 404 and a lapsed one a 410, neither saying anything about an address.
 * Clicks count against the client's allowance before the token is checked.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const now = systemClock.now();
  await limitOrRefuse([await clientAllowance(event, 'personalDataRequests', now)], now);
  const reference = verifyRequestToken(event.pathParameters?.token ?? '', await tokenKeyRing(), now);
  if (!reference) throw requestLinkInvalid();
  const request = await requestStore.byId(reference.id);
  if (!request || request.kind !== reference.kind)
    throw reference.expired ? requestLinkExpired() : requestLinkInvalid();
  const decision = decideConfirmation(request, now);
  if (decision === 'expired') {
    await requestStore.forgetLapsed(request.id);
    logger.info('Personal data request confirmed too late', { kind: request.kind });
    throw requestLinkExpired();
  }
  if (decision === 'confirm' && (await requestStore.confirm(request.id, now))) {
    countMetric('personalDataConfirmed');
    logger.info('Personal data request confirmed', { kind: request.kind });
  }
  const current = (await requestStore.byId(request.id))?.status;
  if (current === undefined) throw requestLinkInvalid();
  // Still waiting: its link lapsed between the read and the write.
  if (current === 'requested') throw requestLinkExpired();
  return jsonResponse(200, { request: request.kind, status: current === 'done' ? 'done' : 'confirmed' });
});
