import { stringify } from 'csv-stringify/sync';
import { frenchShortDateTime } from '../shared/french.ts';
import type { Registration, RegistrationStatus } from './registration.ts';

const statusLabels: Record<RegistrationStatus, string> = {
  // Not on the list (see getAttendeeList): an unconfirmed registration is nobody's yet.
  pending: 'À confirmer',
  confirmed: 'Confirmée',
  waitlisted: 'Liste d’attente',
  cancelled: 'Annulée',
};

/**
 * The attendee list as a spreadsheet opens it in France: UTF-8 with a byte-order mark (accents
 * survive), semicolons, one row per person, confirmed first, then the waiting list in order.
 */
export function attendeeListCsv(registrations: readonly Registration[]): string {
  const rank = (registration: Registration) => (registration.status === 'confirmed' ? 0 : 1);
  const rows = [...registrations]
    .sort(
      (a, b) => rank(a) - rank(b) || (a.waitKey ?? a.registeredAt).localeCompare(b.waitKey ?? b.registeredAt),
    )
    .map((registration) => [
      registration.name,
      registration.email,
      statusLabels[registration.status],
      frenchShortDateTime(registration.registeredAt),
    ]);
  return stringify(rows, {
    bom: true,
    delimiter: ';',
    header: true,
    columns: ['Nom', 'E-mail', 'Statut', 'Inscrit le'],
    record_delimiter: 'windows',
    // A name typed as `=HYPERLINK(…)` must stay text when a spreadsheet opens the file.
    escape_formulas: true,
  });
}
