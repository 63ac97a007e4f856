/** The registration settings of an event, as the Studio stores them. */
export interface RegistrationSettings {
  readonly enabled?: boolean | null;
  readonly capacity?: number | null;
  readonly waitingList?: boolean | null;
  readonly closesAt?: string | null;
  /** Editors' choice; absent: asked when places are limited. */
  readonly confirmationRequired?: boolean | null;
}

export interface RegistrableEvent {
  readonly startsAt: string | null;
  readonly status: string | null;
  readonly registration: RegistrationSettings | null;
}

export type RegistrationClosedReason = 'disabled' | 'cancelled' | 'postponed' | 'closed' | 'started';

export interface RegistrationState {
  readonly open: boolean;
  readonly closedReason: RegistrationClosedReason | null;
  /** Null when the number of places is unlimited. */
  readonly capacity: number | null;
  readonly waitingList: boolean;
  /**
   * Whether a registrant confirms by the mailed link before the place is theirs (a place is
   * held meanwhile): as editors chose, by default when places are limited.
   */
  readonly confirmationRequired: boolean;
}

/**
 * Whether visitors may register now. Registration closes at the closing time the editors set,
 * and in any case when the event starts; never for a cancelled or postponed event.
 */
export function registrationState(event: RegistrableEvent, now: Date): RegistrationState {
  const settings = event.registration ?? {};
  const capacity = settings.capacity ?? null;
  const waitingList = capacity !== null && settings.waitingList === true;
  const confirmationRequired = settings.confirmationRequired ?? capacity !== null;
  const closed = (closedReason: RegistrationClosedReason) => ({
    open: false,
    closedReason,
    capacity,
    waitingList,
    confirmationRequired,
  });
  if (!settings.enabled) return closed('disabled');
  if (event.status === 'cancelled') return closed('cancelled');
  if (event.status === 'postponed') return closed('postponed');
  if (event.startsAt && now.getTime() >= Date.parse(event.startsAt)) return closed('started');
  if (settings.closesAt && now.getTime() >= Date.parse(settings.closesAt)) return closed('closed');
  return { open: true, closedReason: null, capacity, waitingList, confirmationRequired };
}
