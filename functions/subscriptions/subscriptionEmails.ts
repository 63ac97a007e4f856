import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { frenchShortDateTime } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { FormMailKind } from './subscriptionStore.ts';

export interface SubscriptionEmailContext {
  readonly brand: SiteBrand;
  /** The titles of the lists chosen, for the owner to recognise their request. */
  readonly listTitles: readonly string[];
  /** Confirmation: the confirmation page; preferences: the preference page. */
  readonly actionUrl: string;
  /** The page to leave everything (preferences mail only). */
  readonly unsubscribeUrl?: string;
  readonly confirmUntil?: Date;
}

/**
 * The two mails the subscription form causes: the confirmation (the only mail an address gets
 * before its owner's click) and, to a confirmed subscriber who asks again, the preference link.
 * Neither repeats anything the requester typed but the list titles editors wrote.
 */
export async function subscriptionEmail(
  kind: FormMailKind,
  to: string,
  context: SubscriptionEmailContext,
): Promise<OutgoingEmail> {
  const lists = context.listTitles.map((title) => `« ${title} »`).join(', ');
  const { html, text } =
    kind === 'confirmation'
      ? await renderEmail({
          brand: context.brand,
          preheader: 'Un clic pour confirmer votre abonnement',
          heading: 'Confirmez votre abonnement',
          blocks: [
            {
              kind: 'paragraph',
              text: `Quelqu’un, sans doute vous, a demandé à recevoir ${lists} de ${context.brand.siteName} à cette adresse.`,
            },
            { kind: 'button', label: 'Confirmer mon abonnement', href: context.actionUrl },
            {
              kind: 'paragraph',
              text: `Ce lien est valable jusqu’au ${frenchShortDateTime(context.confirmUntil ?? new Date())}. Sans votre clic, vous ne recevrez rien d’autre et votre adresse sera oubliée.`,
            },
          ],
          footer: `${context.brand.siteName} — si vous n’avez rien demandé, ignorez ce message : aucun abonnement ne sera créé.`,
        })
      : await renderEmail({
          brand: context.brand,
          preheader: 'Le lien pour gérer votre abonnement',
          heading: 'Votre abonnement',
          blocks: [
            {
              kind: 'paragraph',
              text: `Vous êtes déjà abonné à ${lists}. Vous pouvez choisir d’autres lettres, vos régions et vos thèmes, ou vous désabonner.`,
            },
            { kind: 'button', label: 'Gérer mon abonnement', href: context.actionUrl },
            ...(context.unsubscribeUrl
              ? [{ kind: 'link' as const, label: 'Me désabonner de tout', href: context.unsubscribeUrl }]
              : []),
          ],
          footer: `${context.brand.siteName} — vous recevez ce message parce que votre adresse a été saisie dans le formulaire d’abonnement.`,
        });
  return {
    fromName: context.brand.siteName,
    to: [to],
    subject: headerSafe(
      kind === 'confirmation'
        ? `Confirmez votre abonnement à ${context.brand.siteName}`
        : `Gérer votre abonnement à ${context.brand.siteName}`,
    ),
    html,
    text,
  };
}
