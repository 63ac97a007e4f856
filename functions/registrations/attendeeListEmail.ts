import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { frenchShortDateTime } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';

/** The mail with the link to an attendee list (apart from the CSV: the download carries no mail layout). */
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
