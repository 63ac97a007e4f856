import { randomUUID } from 'node:crypto';
import { systemClock } from '../shared/clock.ts';
import { formAnswerPage } from '../shared/forms/formAnswerPage.ts';
import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { allowedNext, type FormPostOptions } from '../shared/http/formPosts.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { translate } from '../shared/messages.ts';
import { countMetric } from '../shared/metrics.ts';
import { pageUrl } from '../shared/pageLinks.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance, takeAllowances } from '../shared/rateLimits.ts';
import { addressKey } from '../shared/tokens/tokenKeys.ts';
import { requestStore } from './personalDataContext.ts';
import { personalDataFieldLabels, personalDataFormHtml } from './personalDataForm.ts';
import { newRequest } from './personalDataRequest.ts';
import { personalDataRequestSchema } from './personalDataRequestSchema.ts';

/** Without JavaScript: the hosted “check your inbox” page, or the form again with its errors. */
const personalDataFormPost: FormPostOptions = {
  fields: Object.keys(personalDataFieldLabels),
  thanks: () => pageUrl('personalDataRequested'),
  errorPage: async (refused) =>
    formAnswerPage({
      title: 'Vos données personnelles',
      back: allowedNext(refused.event.headers.referer ?? null),
      body: personalDataFormHtml({
        idPrefix: 'essaim-donnees',
        action: `${apiBaseUrl(refused.event)}/personal-data/requests`,
        values: refused.values,
        errors: refused.errors,
        ...(refused.next ? { next: refused.next } : {}),
      }),
    }),
};

/**
 * `POST /personal-data/requests`: records the request; a stream worker mails its confirmation
 * link. The answer is the same 202 for every address, known or not (nothing is looked up here),
 * whose mailbox has room or not, and for a robot that filled the honeypot: it tells nobody
 * anything. The confirmation mail counts against the mailbox's allowance of form mails; a
 * client past its allowance of requests is refused (429), which says nothing about an address.
 */
export const handler = httpHandler(
  {
    bodySchema: async () => personalDataRequestSchema,
    formPost: personalDataFormPost,
    formChallenge: formChallengeCheck('personalData'),
  },
  async ({ body, event, language }) => {
    const now = systemClock.now();
    const answer = () => jsonResponse(202, { message: translate(language, 'personalData.requested') });
    if (body.website.trim() !== '') {
      logger.info('Personal data request ignored', { reason: 'honeypot' });
      return answer();
    }
    await limitOrRefuse([await clientAllowance(event, 'personalDataRequests', now)], now);
    const mailboxHasRoom = (await takeAllowances([await mailboxAllowance(body.email, now)])) === null;
    if (mailboxHasRoom) {
      const request = newRequest({
        id: randomUUID(),
        kind: body.request,
        email: body.email,
        addressKey: await addressKey(body.email),
        now,
      });
      await requestStore.record(request);
      countMetric('personalDataRequested');
    }
    logger.info('Personal data request', { kind: body.request, recorded: mailboxHasRoom });
    return answer();
  },
);
