import { stringify } from 'csv-stringify/sync';
import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { frenchShortDateTime } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { Registration, RegistrationStatus } from './registration.ts';

const statusLabels: Record<RegistrationStatus, string> = {
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

export async function attendeeListEmail(
  to: readonly string[],
  context: { brand: SiteBrand; title: string; url: string; validUntil: Date },
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `Liste des inscrits — ${context.title}`,
    heading: 'Liste des inscrits',
    blocks: [
      {
        kind: 'paragraph',
        text: `La liste des inscrits à « ${context.title} » a été demandée. Elle se télécharge au format CSV, qu’un tableur ouvre.`,
      },
      { kind: 'button', label: 'Télécharger la liste des inscrits', href: context.url },
      {
        kind: 'paragraph',
        text: `Ce lien est valable jusqu’au ${frenchShortDateTime(context.validUntil)}. Il donne accès à des données personnelles : ne le transférez pas, et supprimez le fichier après la manifestation.`,
      },
    ],
    footer: `${context.brand.siteName} — vous recevez ce message en tant qu’organisateur de la manifestation ou chambre régionale de l’ESS. Si vous n’avez rien demandé, ignorez-le.`,
  });
  return {
    fromName: context.brand.siteName,
    to,
    subject: headerSafe(`Liste des inscrits : ${context.title}`),
    html,
    text,
  };
}
