import { stringify } from 'csv-stringify/sync';
import type { MeetingEvent } from './meetingEvent.ts';
import type { MeetingItem, PublicProfile } from './meetingItems.ts';

const kindLabel = (meeting: MeetingItem): string =>
  meeting.kind === 'mutual'
    ? 'Souhait réciproque'
    : meeting.rankByA !== null
      ? `Souhait du premier groupe (rang ${meeting.rankByA})`
      : `Souhait du second groupe (rang ${meeting.rankByB})`;

/**
 * The grid as a spreadsheet opens it in France: UTF-8 with a BOM, semicolons, one row per
 * meeting by time then table, cancelled ones last; formulas typed as names stay text.
 */
export function gridCsv(
  event: MeetingEvent,
  meetings: readonly MeetingItem[],
  profiles: ReadonlyMap<string, PublicProfile>,
): string {
  const who = (id: string) => profiles.get(id);
  const rows = [...meetings]
    .sort(
      (x, y) =>
        Number(x.status === 'cancelled') - Number(y.status === 'cancelled') ||
        x.slot - y.slot ||
        x.table - y.table,
    )
    .map((meeting) => [
      meeting.id,
      event.slots[meeting.slot]?.time ?? '',
      String(meeting.table + 1),
      who(meeting.a)?.name ?? '(retiré)',
      who(meeting.a)?.organisation ?? '',
      who(meeting.b)?.name ?? '(retiré)',
      who(meeting.b)?.organisation ?? '',
      kindLabel(meeting),
      meeting.status === 'cancelled' ? 'Annulé' : 'Prévu',
    ]);
  return stringify(rows, {
    bom: true,
    delimiter: ';',
    header: true,
    columns: [
      'Rendez-vous',
      'Heure',
      'Table',
      event.sides.a.label,
      `Structure (${event.sides.a.label})`,
      event.sides.b.label,
      `Structure (${event.sides.b.label})`,
      'Souhait',
      'Statut',
    ],
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}
