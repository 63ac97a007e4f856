import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { DirectoryContactRequest, DirectoryEntry } from './directoryEntry.ts';

/** The directory's mails: the member's confirmation link, and the messages visitors send members. */

/**
 * To the address an entry was asked for: the link to confirm it, then to edit or delete the
 * entry. It repeats nothing the requester typed: whoever typed someone else's address cannot
 * make the network's domain carry their words.
 */
export async function confirmationEmail(
  entry: Pick<DirectoryEntry, 'email'>,
  context: { readonly brand: SiteBrand; readonly entryUrl: string },
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: 'Confirmez votre adresse pour que votre fiche soit relue puis publiée.',
    heading: 'Bonjour,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Une fiche de l’annuaire des membres de ${context.brand.siteName} a été demandée avec cette adresse. Confirmez-la : l’équipe relit ensuite la fiche avant de la publier.`,
      },
      { kind: 'button', label: 'Confirmer et voir ma fiche', href: context.entryUrl },
      {
        kind: 'paragraph',
        text: 'Sans confirmation dans les 48 heures, la demande est effacée. Ce même lien vous permet ensuite de modifier votre fiche, ou de la supprimer tout de suite et complètement. Gardez-le pour vous : il donne accès à votre fiche.',
      },
    ],
    footer: `${context.brand.siteName} — vous recevez cet e-mail parce que votre adresse a été indiquée dans une demande de fiche de l’annuaire. Si vous n’en êtes pas à l’origine, ignorez-le : rien ne sera publié sans votre confirmation.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [entry.email],
    subject: headerSafe('Confirmez votre fiche de l’annuaire'),
    html,
    text,
  };
}

/**
 * To a confirmed entry's address, asked for again (a member who lost their link): the fresh
 * link, older ones void. Like the confirmation, it repeats nothing the requester typed.
 */
export async function freshLinkEmail(
  entry: Pick<DirectoryEntry, 'email'>,
  context: { readonly brand: SiteBrand; readonly entryUrl: string },
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: 'Votre fiche existe déjà : voici le lien pour la modifier.',
    heading: 'Bonjour,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Vous avez demandé une fiche de l’annuaire des membres de ${context.brand.siteName} avec cette adresse. La vôtre existe déjà : voici le lien pour la modifier ou la supprimer.`,
      },
      { kind: 'button', label: 'Voir ma fiche', href: context.entryUrl },
      {
        kind: 'paragraph',
        text: 'Les liens reçus auparavant ne fonctionnent plus : gardez celui-ci, et pour vous seul, car il donne accès à votre fiche.',
      },
    ],
    footer: `${context.brand.siteName} — vous recevez cet e-mail parce qu’une fiche de l’annuaire a été demandée avec votre adresse. Si vous n’en êtes pas à l’origine, ignorez-le : votre fiche reste telle quelle.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [entry.email],
    subject: headerSafe('Le lien de votre fiche de l’annuaire'),
    html,
    text,
  };
}

/**
 * To a member: a visitor's message, with their name and address to answer to (`Reply-To`). The
 * member's address is not shown to the visitor, who gets no copy: answering is the member's choice.
 */
export async function contactEmail(
  request: DirectoryContactRequest,
  member: Pick<DirectoryEntry, 'email'>,
  context: { readonly brand: SiteBrand; readonly entryUrl: string },
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `${request.requester.name} vous écrit par l’annuaire des membres.`,
    heading: 'Un message par l’annuaire',
    blocks: [
      {
        kind: 'facts',
        facts: [
          ['De', request.requester.name],
          ['Adresse', request.requester.email],
        ],
      },
      { kind: 'quote', text: request.message },
      {
        kind: 'paragraph',
        text: 'Répondre à cet e-mail écrit directement à cette personne : votre adresse ne lui est connue que si vous répondez. Nous ne vérifions pas qui écrit ; ne donnez ni mot de passe ni coordonnées bancaires.',
      },
      {
        kind: 'link',
        before: 'Votre fiche : ',
        label: 'la modifier ou la supprimer',
        href: context.entryUrl,
      },
    ],
    footer: `${context.brand.siteName} — vous recevez cet e-mail parce que votre fiche est publiée dans l’annuaire des membres.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [member.email],
    replyTo: [request.requester.email],
    subject: headerSafe(`Message de ${request.requester.name} par l’annuaire`),
    html,
    text,
  };
}
