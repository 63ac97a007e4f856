import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { ConfirmedDirectoryDecision } from './directoryDecisions.ts';

/** The member's mails of the editors' decisions on their entry (`mailDirectoryDecisions`). */
interface DecisionContext {
  readonly brand: SiteBrand;
  readonly to: string;
  /** The member's page (their signed link): see, edit or delete the entry. */
  readonly entryUrl: string;
  /** The public directory. */
  readonly directoryUrl: string;
}

const footer = (brand: SiteBrand): string =>
  `${brand.siteName} — vous recevez cet e-mail parce que vous avez demandé une fiche dans l’annuaire des membres avec cette adresse.`;

const organizationOf = (decision: ConfirmedDirectoryDecision): string =>
  decision.organization ? ` de « ${decision.organization} »` : '';

/** To the member: the editors published the entry; where to see and manage it. */
export async function directoryPublicationNotice(
  decision: ConfirmedDirectoryDecision,
  context: DecisionContext,
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: 'Votre fiche est en ligne dans l’annuaire des membres.',
    heading: 'Votre fiche est publiée',
    blocks: [
      {
        kind: 'paragraph',
        text: `Bonne nouvelle : l’équipe de ${context.brand.siteName} a vérifié votre adhésion et publié votre fiche${organizationOf(decision)} dans l’annuaire des membres. Les visiteurs peuvent désormais la trouver et vous écrire par l’annuaire, sans voir votre adresse.`,
      },
      { kind: 'button', label: 'Voir ma fiche', href: context.entryUrl },
      {
        kind: 'link',
        before: 'L’annuaire : ',
        label: 'rechercher parmi les membres',
        href: context.directoryUrl,
      },
      {
        kind: 'paragraph',
        text: 'Ce lien vous permet de modifier votre fiche (l’équipe relit la modification, la version publiée restant en ligne en attendant) ou de la supprimer tout de suite et complètement. Gardez-le pour vous.',
      },
    ],
    footer: footer(context.brand),
  });
  return {
    fromName: context.brand.siteName,
    to: [context.to],
    subject: headerSafe('Votre fiche est publiée dans l’annuaire'),
    html,
    text,
  };
}

/** To the member: the editors did not publish the entry, why, and what they can do. */
export async function directoryRefusalNotice(
  decision: ConfirmedDirectoryDecision,
  context: DecisionContext,
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: 'Votre fiche n’a pas été publiée dans l’annuaire des membres.',
    heading: 'Votre fiche n’a pas été publiée',
    blocks: [
      {
        kind: 'paragraph',
        text: `L’équipe de ${context.brand.siteName} a relu votre fiche${organizationOf(decision)} : elle ne sera pas publiée dans l’annuaire des membres, pour la raison suivante.`,
      },
      { kind: 'quote', text: decision.reason ?? '' },
      {
        kind: 'paragraph',
        text: 'Si vous pouvez y remédier, modifiez votre fiche avec le lien ci-dessous : elle sera relue à nouveau. Vous pouvez aussi la supprimer, tout de suite et complètement.',
      },
      { kind: 'button', label: 'Modifier ou supprimer ma fiche', href: context.entryUrl },
    ],
    footer: footer(context.brand),
  });
  return {
    fromName: context.brand.siteName,
    to: [context.to],
    subject: headerSafe('Votre fiche de l’annuaire n’a pas été publiée'),
    html,
    text,
  };
}
