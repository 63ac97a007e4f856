import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { countMetric } from '../shared/metrics.ts';
import { addressKey } from '../shared/tokens/tokenKeys.ts';
import { topicSubscriber } from '../shared/workers/workers.ts';
import { expiresAfterDays, factRetentionDays, feedbackFacts } from './feedbackRules.ts';
import { MailFeedbackStore } from './mailFeedbackStore.ts';
import { parseSesMessage } from './sesEvent.ts';

const store = new MailFeedbackStore(dynamoDbDocumentClient(), tableNameOf('mailFeedback'));

/** A message that is not SES's event-publishing JSON: retried, then kept among the dead letters. */
export class UnreadableNotification extends Error {
  override readonly name = 'UnreadableNotification';
}

/**
 * The consumer of SES's events (SNS topic `mailEvents`): validates the message and records, for
 * each recipient it is about, one fact keyed by the address's keyed hash and the SNS message id
 * (a conditional put: SNS's and Lambda's retries record nothing twice). It decides nothing: the
 * table's stream drives the rules (`applyMailFeedback`).
 */
export const handler = topicSubscriber({
  name: 'recordMailFeedback',
  handle: async ({ messageId, message, log }) => {
    const parsed = parseSesMessage(message);
    if (parsed.kind === 'ignored') {
      log.info('SES event type not recorded', { eventType: parsed.eventType });
      return;
    }
    if (parsed.kind === 'invalid') {
      log.error('Not an SES event-publishing record: nothing recorded', { problems: parsed.problems });
      throw new UnreadableNotification(`SNS message ${messageId} is not an SES event-publishing record`);
    }
    const now = systemClock.now();
    let recorded = 0;
    const facts = feedbackFacts(parsed.event);
    for (const { address, ...fact } of facts) {
      const isNew = await store.recordFact(await addressKey(address), {
        ...fact,
        snsMessageId: messageId,
        recordedAt: now.toISOString(),
        expiresAt: expiresAfterDays(now, factRetentionDays),
      });
      if (isNew) recorded += 1;
    }
    if (recorded > 0) countMetric('mailFeedbackRecorded', recorded);
    log.info('SES notification recorded', {
      eventType: parsed.event.eventType,
      sesMessageId: parsed.event.mail.messageId,
      recipients: facts.length,
      recorded,
    });
  },
});
