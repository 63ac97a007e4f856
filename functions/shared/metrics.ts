import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './logger.ts';

/**
 * CloudWatch metrics in the Embedded Metric Format (Powertools Metrics): one JSON line per
 * invocation that CloudWatch turns into metrics, no API call. Every function publishes a
 * cold-start metric; features add business metrics (registrations, mails, messages).
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Essaim',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'essaim',
  // Most invocations record no business metric: that is normal, not worth a warning each time.
  logger: {
    debug: (...args: unknown[]) => logger.debug(String(args[0])),
    info: (...args: unknown[]) => logger.info(String(args[0])),
    warn: (...args: unknown[]) => {
      if (!String(args[0]).startsWith('No application metrics to publish')) logger.warn(String(args[0]));
    },
    error: (...args: unknown[]) => logger.error(String(args[0])),
  },
});

/** The business metrics Essaim publishes, each a count. */
export type BusinessMetric =
  | 'contactMessagesRecorded'
  | 'registrationsConfirmed'
  | 'registrationsWaitlisted'
  /** Registrations waiting for the registrant's click on the confirmation link. */
  | 'registrationsPending'
  /** Places held for a registrant who did not confirm in time, given back. */
  | 'registrationHoldsReleased'
  /** Requests refused by a rate limit (`429`), per client or per mailbox. */
  | 'requestsRateLimited'
  | 'registrationsPromoted'
  | 'registrationsCancelled'
  | 'subscriptionsRequested'
  | 'subscriptionsConfirmed'
  | 'subscriptionsEnded'
  | 'mailsSent'
  | 'mailsFailed'
  /** Recipients dropped before a send because they are suppressed. */
  | 'mailsSuppressed'
  /** SES notifications (bounce, complaint, delivery, reject) recorded, one per recipient. */
  | 'mailFeedbackRecorded'
  /** Addresses added to the suppression set. */
  | 'addressesSuppressed'
  /** Self-service requests for one's personal data: recorded, confirmed, carried out (export or erasure). */
  | 'personalDataRequested'
  | 'personalDataConfirmed'
  | 'personalDataExported'
  | 'personalDataErased';

export const countMetric = (name: BusinessMetric, value = 1): void => {
  metrics.addMetric(name, MetricUnit.Count, value);
};
