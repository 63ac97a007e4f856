import { eventsCalendar } from '../programme/calendar.ts';
import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { eventPeriod, eventPlace, frenchTime } from '../shared/french.ts';
import { type EmailBlock, type FactValue, isMailableUrl, renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import { eventChanges } from './eventChangeNotice.ts';
import type { EventSnapshot, Registration } from './registration.ts';

/** The e-mails a registration causes, each sent once (the link reminder once per request). */
export type RegistrationEmailKind =
  /** The link that confirms a pending registration (events that ask for confirmation). */
  'pending' | 'confirmation' | 'waitlisted' | 'promoted' | 'cancelled' | 'link' | 'reminder';

export interface RegistrationEmailContext {
  readonly brand: SiteBrand;
  /** The event's page (`eventPageUrl`: the hosted page, or the network's own). */
  readonly eventUrl: (slug: string | null) => string;
  readonly manageUrl: string;
  /** How long after the event the registration is kept (`REGISTRATION_RETENTION_MONTHS`). */
  readonly retentionMonths: number;
  readonly position?: number;
  /** For a cancellation: whether the person had a place, was waiting for one, or had not confirmed. */
  readonly cancelledFrom?: 'confirmed' | 'waitlisted' | 'pending';
  /** For a pending registration: until when a place is held, if one is (ISO). */
  readonly heldUntil?: string;
  /** For a pending registration: the link asked for again (the address registered again). */
  readonly again?: boolean;
}

/** Where: the venue, or the online address as a link when it is one a mail may carry. */
function where(event: EventSnapshot): FactValue {
  if (!event.venue && event.onlineUrl && isMailableUrl(event.onlineUrl)) {
    return { text: 'En ligne (rejoindre la manifestation)', href: event.onlineUrl };
  }
  return eventPlace(event, {
    online: (url) => `En ligne : ${url}`,
    unknown: 'Lieu communiqué par l’organisateur',
  });
}

function eventFacts(event: EventSnapshot, eventUrl: (slug: string | null) => string): EmailBlock {
  return {
    kind: 'facts',
    facts: [
      ['Manifestation', { text: event.title, href: eventUrl(event.slug) }],
      ['Date', eventPeriod(event.startsAt, event.endsAt)],
      ['Lieu', where(event)],
    ],
  };
}

const copy: Record<
  RegistrationEmailKind,
  { subject: (title: string) => string; heading: string; lead: (context: RegistrationEmailContext) => string }
> = {
  pending: {
    subject: (title) => `Confirmez votre inscription : ${title}`,
    heading: 'Confirmez votre inscription',
    lead: (context) =>
      `${
        context.again
          ? 'Une inscription à cette manifestation attend déjà votre confirmation à cette adresse.'
          : 'Une inscription à cette manifestation a été demandée avec votre adresse e-mail.'
      } Pour la confirmer, cliquez sur le bouton ci-dessous${
        context.heldUntil
          ? ` : une place vous est réservée jusqu’à ${frenchTime(context.heldUntil)}, puis elle sera proposée à d’autres`
          : ''
      }. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : sans confirmation, rien n’est gardé.`,
  },
  confirmation: {
    subject: (title) => `Inscription confirmée : ${title}`,
    heading: 'Votre inscription est confirmée',
    lead: () =>
      'Votre place est réservée. Vous trouverez en pièce jointe le fichier à ajouter à votre agenda.',
  },
  waitlisted: {
    subject: (title) => `Liste d’attente : ${title}`,
    heading: 'Vous êtes sur la liste d’attente',
    lead: (context) =>
      `La manifestation est complète pour le moment. Vous êtes en position ${context.position ?? '?'} sur la liste d’attente : si une place se libère, elle vous sera attribuée automatiquement et vous recevrez un e-mail.`,
  },
  promoted: {
    subject: (title) => `Une place s’est libérée : ${title}`,
    heading: 'Bonne nouvelle : votre place est confirmée',
    lead: () => 'Une place s’est libérée et vous était réservée : votre inscription est désormais confirmée.',
  },
  cancelled: {
    subject: (title) => `Inscription annulée : ${title}`,
    heading: 'Votre inscription est annulée',
    lead: (context) =>
      context.cancelledFrom === 'waitlisted'
        ? 'Nous avons bien enregistré l’annulation de votre inscription : vous ne figurez plus sur la liste d’attente.'
        : context.cancelledFrom === 'pending'
          ? 'Nous avons bien enregistré l’annulation de votre demande d’inscription, qui n’avait pas été confirmée.'
          : 'Nous avons bien enregistré l’annulation de votre inscription : votre place est libérée pour une autre personne. Merci de l’avoir signalé.',
  },
  reminder: {
    subject: (title) => `C’est demain : ${title}`,
    heading: 'Rendez-vous demain',
    lead: () =>
      'Nous vous rappelons votre inscription à la manifestation de demain. Si vous ne pouvez plus venir, annulez votre inscription pour libérer votre place.',
  },
  link: {
    subject: (title) => `Votre inscription : ${title}`,
    heading: 'Votre lien pour gérer votre inscription',
    lead: () =>
      'Vous avez demandé à vous inscrire à nouveau : vous l’étiez déjà. Voici le lien pour consulter ou annuler votre inscription.',
  },
};

export async function registrationEmail(
  kind: RegistrationEmailKind,
  registration: Registration,
  context: RegistrationEmailContext,
): Promise<OutgoingEmail> {
  const text = copy[kind];
  const event = registration.event;
  const { html, text: plain } = await renderEmail({
    brand: context.brand,
    preheader: `${text.heading} — ${event.title}`,
    heading: text.heading,
    blocks: [
      { kind: 'paragraph', text: `Bonjour ${registration.name},` },
      { kind: 'paragraph', text: text.lead(context) },
      eventFacts(event, context.eventUrl),
      ...(kind === 'cancelled'
        ? []
        : [
            {
              kind: 'button' as const,
              label:
                kind === 'pending' ? 'Confirmer mon inscription' : 'Consulter ou annuler mon inscription',
              href: context.manageUrl,
            },
          ]),
    ],
    footer:
      kind === 'pending'
        ? `${context.brand.siteName} — ce message vous est envoyé parce que votre adresse a été saisie dans notre formulaire d’inscription. Sans confirmation, elle est effacée sous 48 heures.`
        : `${context.brand.siteName} — ce message vous est envoyé parce que vous vous êtes inscrit·e à cette manifestation. Vos données sont supprimées ${context.retentionMonths} mois après celle-ci.`,
  });
  const attachments =
    kind === 'confirmation' || kind === 'promoted'
      ? [
          {
            fileName: `${event.slug}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: eventsCalendar(
              [
                {
                  _id: event.id,
                  _updatedAt: registration.registeredAt,
                  title: event.title,
                  slug: event.slug,
                  summary: null,
                  startsAt: event.startsAt,
                  endsAt: event.endsAt,
                  status: 'scheduled',
                  venue: event.venue as never,
                  onlineUrl: event.onlineUrl,
                  organizer: null,
                },
              ],
              { name: event.title, eventUrl: context.eventUrl },
            ),
          },
        ]
      : undefined;
  return {
    fromName: context.brand.siteName,
    to: [registration.email],
    subject: headerSafe(text.subject(event.title)),
    html,
    text: plain,
    ...(attachments ? { attachments } : {}),
  };
}

/** Which e-mail a change of a registration calls for, and what makes it unique. */
export function emailFor(
  before: Registration | undefined,
  after: Registration,
):
  | { kind: RegistrationEmailKind; key: string }
  | { kind: 'eventChanged'; key: string; changes: { cancelled: boolean; lines: string[] } }
  | undefined {
  const changed = before?.status !== after.status;
  if (changed && after.status === 'pending') return { kind: 'pending', key: `${after.id}#pending` };
  if (changed && after.status === 'confirmed') {
    return before?.status === 'waitlisted'
      ? { kind: 'promoted', key: `${after.id}#promoted` }
      : { kind: 'confirmation', key: `${after.id}#confirmation` };
  }
  if (changed && after.status === 'waitlisted') return { kind: 'waitlisted', key: `${after.id}#waitlisted` };
  if (changed && after.status === 'cancelled') return { kind: 'cancelled', key: `${after.id}#cancelled` };
  // The event's details changed under a live registration: its registrant hears what changed
  // since what they knew, once per version of the event.
  if (before && after.status !== 'cancelled' && before.event && after.event) {
    const changes = eventChanges(before.event, after.event);
    if (changes) return { kind: 'eventChanged', key: `${after.id}#change#${after.eventAsOf}`, changes };
  }
  const resentAt = (after as { linkResentAt?: string }).linkResentAt;
  if (resentAt && resentAt !== (before as { linkResentAt?: string } | undefined)?.linkResentAt) {
    // Still pending: the link that confirms, again; otherwise the manage link.
    return after.status === 'pending'
      ? { kind: 'pending', key: `${after.id}#pending#${resentAt}` }
      : { kind: 'link', key: `${after.id}#link#${resentAt}` };
  }
  return undefined;
}
