import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { eventPeriod } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { ConfirmedDecision } from './moderationDecisions.ts';

interface DecisionContext {
  readonly brand: SiteBrand;
  readonly to: string;
  readonly campaignTitle: string;
  /** The event's page (published only). */
  readonly eventUrl: string | null;
}

const dateOf = (decision: ConfirmedDecision): string =>
  decision.startsAt && decision.endsAt ? ` du ${eventPeriod(decision.startsAt, decision.endsAt)}` : '';

const footer = (brand: SiteBrand): string =>
  `${brand.siteName} — vous recevez cet e-mail parce que votre adresse a été indiquée comme contact d’une manifestation proposée au programme.`;

/** To the organiser: the chamber published the event; where to see it. */
export async function publicationNotice(
  decision: ConfirmedDecision,
  context: DecisionContext,
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `« ${decision.title} » est en ligne dans le programme.`,
    heading: 'Votre manifestation est publiée',
    blocks: [
      {
        kind: 'paragraph',
        text: `Bonne nouvelle : la chambre régionale de l’ESS a publié la manifestation « ${decision.title} »${dateOf(decision)} dans le programme de « ${context.campaignTitle} ». Le public peut désormais la découvrir${decision.slug ? ' et s’y inscrire' : ''}.`,
      },
      ...(context.eventUrl
        ? [{ kind: 'button' as const, label: 'Voir la manifestation', href: context.eventUrl }]
        : []),
      {
        kind: 'paragraph',
        text: 'Une modification faite avec le lien de votre proposition est examinée à son tour : la version publiée reste en ligne en attendant.',
      },
    ],
    footer: footer(context.brand),
  });
  return {
    fromName: context.brand.siteName,
    to: [context.to],
    subject: headerSafe(`Manifestation publiée — ${decision.title}`),
    html,
    text,
  };
}

/** To the organiser: the chamber did not keep the event, and why. */
export async function refusalNotice(
  decision: ConfirmedDecision,
  context: DecisionContext,
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `« ${decision.title} » ne sera pas publiée dans le programme.`,
    heading: 'Votre proposition n’a pas été retenue',
    blocks: [
      {
        kind: 'paragraph',
        text: `La chambre régionale de l’ESS a examiné la manifestation « ${decision.title} »${dateOf(decision)} que vous avez proposée pour « ${context.campaignTitle} » : elle ne sera pas publiée dans le programme, pour la raison suivante.`,
      },
      { kind: 'quote', text: decision.reason ?? '' },
      {
        kind: 'paragraph',
        text: 'Si vous pensez pouvoir y remédier, vous pouvez modifier votre proposition avec le lien reçu lors de son envoi, tant que les propositions sont ouvertes : elle sera examinée à nouveau. Pour toute question, répondez à la chambre de votre région.',
      },
    ],
    footer: footer(context.brand),
  });
  return {
    fromName: context.brand.siteName,
    to: [context.to],
    subject: headerSafe(`Proposition non retenue — ${decision.title}`),
    html,
    text,
  };
}
