import type { SnapshotEvent } from './programmeSnapshot.ts';
import { registrationState } from './registrationState.ts';

export interface RegionSummary {
  readonly _id: string;
  readonly code: string | null;
  readonly name: string | null;
}

/**
 * What a programme card needs, with the registration state at `now`. Regions come from the
 * (cached) references rather than a dereference per event.
 */
export function toEventCard(
  item: SnapshotEvent,
  regions: readonly RegionSummary[],
  confirmed: number,
  now: Date,
) {
  const region = regions.find((candidate) => candidate._id === item.regionId);
  const registration = registrationState(item, now);
  return {
    id: item._id,
    title: item.title,
    slug: item.slug,
    summary: item.summary,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    city: item.venue?.city ?? null,
    online: Boolean(item.onlineUrl) && !item.venue,
    region: region ? { code: region.code, name: region.name } : null,
    format: item.format,
    themes: item.themes ?? [],
    openToAll: item.openToAll === true,
    status: item.status,
    registration: {
      open: registration.open,
      capacity: registration.capacity,
      placesLeft: placesLeft(registration.capacity, confirmed),
      waitingList: registration.waitingList,
    },
  };
}

export type EventCard = ReturnType<typeof toEventCard>;

/** Places still free; null when places are unlimited. */
export const placesLeft = (capacity: number | null, confirmed: number): number | null =>
  capacity === null ? null : Math.max(0, capacity - confirmed);
