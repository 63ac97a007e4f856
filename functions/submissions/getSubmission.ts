import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { isPublished, submissionOfLink } from './submissionByLink.ts';
import { submissionView } from './submissionView.ts';

/** `GET /submissions/{token}`: the submission the organiser's signed link designates. */
export const handler = httpHandler({}, async ({ event }) => {
  const { submission, campaign } = await submissionOfLink(
    event.pathParameters?.token ?? '',
    systemClock.now(),
  );
  return jsonResponse(200, submissionView(submission, campaign, await isPublished(submission.id)), {
    'cache-control': 'no-store, private',
  });
});
