import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger for every function. It never receives request bodies,
 * e-mail addresses or names: log identifiers and outcomes, not people.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'essaim' });
