import type { FunctionPermissions } from './routes.ts';

/** A worker run on a schedule: an EventBridge rule in AWS, a timer in the local stack. */
export interface ScheduledWorker {
  readonly name: string;
  /** Module under `functions/` exporting `handler`. */
  readonly handler: string;
  readonly everyMinutes: number;
  /** Its Lambda timeout: a run may have much to do (every registrant of a busy day). */
  readonly timeoutSeconds: number;
  readonly permissions: FunctionPermissions;
}

export const scheduledWorkers: readonly ScheduledWorker[] = [
  {
    // Hourly, so a missed run is caught up by the next; each reminder still goes out once.
    name: 'sendEventReminders',
    handler: 'workers/sendEventReminders.ts',
    everyMinutes: 60,
    timeoutSeconds: 300,
    permissions: {
      tables: { registrations: 'read', idempotency: 'readWrite', contentChanges: 'read' },
      sendEmail: true,
      readsContent: true,
      secrets: ['REGISTRATION_TOKEN_KEYS'],
    },
  },
];
