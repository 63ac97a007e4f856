import type { ProgrammeQueryResult } from '../../content/sanity.types.ts';
import { registrationState } from './registrationState.ts';

type ProgrammeItem = ProgrammeQueryResult['items'][number];

/** What a programme card needs, with the registration state at `now`. */
export function toEventCard(item: ProgrammeItem, now: Date) {
  const registration = registrationState(item, now);
  return {
    id: item._id,
    title: item.title,
    slug: item.slug,
    summary: item.summary,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    city: item.city,
    online: item.online,
    region: item.region ? { code: item.region.code, name: item.region.name } : null,
    format: item.format,
    themes: item.themes ?? [],
    openToAll: item.openToAll === true,
    status: item.status,
    registration: {
      open: registration.open,
      capacity: registration.capacity,
      waitingList: registration.waitingList,
    },
  };
}

export type EventCard = ReturnType<typeof toEventCard>;
