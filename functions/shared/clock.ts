import { setting } from './settings.ts';

/**
 * The one source of "now" for domain code. Tests and the local stack may set it
 * (`ESSAIM_NOW=2027-11-02T09:00:00Z`) so nothing depends on the day a test runs.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => {
    const fixed = setting('fixedNow');
    return fixed ? new Date(fixed) : new Date();
  },
};

export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}
