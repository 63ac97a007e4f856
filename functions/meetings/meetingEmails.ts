import { type CalendarEvent, eventsCalendar } from '../programme/calendar.ts';
import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { frenchDate, frenchDateTime } from '../shared/french.ts';
import { type EmailBlock, isMailableUrl, renderEmail } from '../shared/mail/emailLayout.ts';
import { type EmailAttachment, headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { MeetingEvent } from './meetingEvent.ts';
import type { MeetingParticipantItem } from './meetingItems.ts';
import type { PersonalMeeting } from './meetingSpace.ts';

/** The e-mails of the business meetings: the link to one's space, the schedule, a change, the grid's link. */

const place = (event: MeetingEvent): string =>
  event.venue
    ? [
        event.venue.name,
        event.venue.address,
        [event.venue.postalCode, event.venue.city].filter(Boolean).join(' '),
      ]
        .filter(Boolean)
        .join(', ')
    : event.onlineUrl
      ? `En ligne : ${event.onlineUrl}`
      : 'Lieu communiqué par l’équipe organisatrice';

const eventFacts = (event: MeetingEvent): EmailBlock => ({
  kind: 'facts',
  facts: [
    ['Rencontre', event.title],
    ['Date', frenchDate(event.slots[0]?.startsAt ?? `${event.date}T12:00:00Z`)],
    [
      'Lieu',
      event.onlineUrl && !event.venue && isMailableUrl(event.onlineUrl)
        ? { text: 'En ligne', href: event.onlineUrl }
        : place(event),
    ],
  ],
});

const withWhom = (meeting: PersonalMeeting): string =>
  meeting.with ? `${meeting.with.name} (${meeting.with.organisation})` : 'un participant qui s’est retiré';

const footer = (brand: SiteBrand) =>
  `${brand.siteName} — ce message vous est envoyé parce que vous vous êtes inscrit·e à cette rencontre d’affaires. Vos données sont supprimées trois mois après celle-ci.`;

/** A meeting as a calendar entry: one UID per meeting and participant, so that a move updates it. */
function meetingCalendar(
  event: MeetingEvent,
  participant: MeetingParticipantItem,
  meeting: PersonalMeeting,
  spaceUrl: string,
): EmailAttachment {
  const entry: CalendarEvent = {
    _id: `${event.id}.${meeting.id}.${participant.id}`,
    _updatedAt: event.updatedAt,
    title: `Rendez-vous avec ${withWhom(meeting)}, table ${meeting.table}`,
    slug: event.slug,
    summary: `${event.title}. ${meeting.with?.offer ?? ''}`.trim(),
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    status: meeting.status === 'cancelled' ? 'cancelled' : 'scheduled',
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    organizer: null,
  };
  return {
    fileName: `rendez-vous-${meeting.time.replace(':', 'h')}-table-${meeting.table}.ics`,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: eventsCalendar([entry], { name: event.title, eventUrl: () => spaceUrl }),
  };
}

async function email(
  to: readonly string[],
  brand: SiteBrand,
  subject: string,
  heading: string,
  blocks: readonly EmailBlock[],
  footerText: string,
  attachments?: readonly EmailAttachment[],
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand,
    preheader: heading,
    heading,
    blocks,
    footer: footerText,
  });
  return {
    fromName: brand.siteName,
    to,
    subject: headerSafe(subject),
    html,
    text,
    ...(attachments && attachments.length > 0 ? { attachments } : {}),
  };
}

/** The link to one's space, after registering (or registering again). */
export const participantLinkEmail = (
  event: MeetingEvent,
  participant: MeetingParticipantItem,
  context: { brand: SiteBrand; spaceUrl: string },
): Promise<OutgoingEmail> =>
  email(
    [participant.email],
    context.brand,
    `Votre espace : ${event.title}`,
    'Votre inscription est enregistrée',
    [
      { kind: 'paragraph', text: `Bonjour ${participant.name},` },
      {
        kind: 'paragraph',
        text: `Vous êtes inscrit·e dans le groupe « ${event.sides[participant.side].label} ». Ouvrez votre espace pour confirmer votre adresse : votre profil ne sera montré à l’autre groupe qu’ensuite. Classez-y aussi les participants de l’autre groupe que vous souhaitez rencontrer, jusqu’au ${frenchDateTime(event.wishesDeadline)}. Ensuite, nous faisons la grille des rendez-vous et vous envoyons votre planning.`,
      },
      eventFacts(event),
      { kind: 'button', label: 'Ouvrir mon espace', href: context.spaceUrl },
      {
        kind: 'paragraph',
        text: 'Ce lien est personnel : il ouvre votre espace sans mot de passe. Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message.',
      },
    ],
    footer(context.brand),
  );

/** The schedule the deadline made, with an `.ics` per meeting. */
export function scheduleEmail(
  event: MeetingEvent,
  participant: MeetingParticipantItem,
  meetings: readonly PersonalMeeting[],
  context: { brand: SiteBrand; spaceUrl: string },
): Promise<OutgoingEmail> {
  const live = meetings.filter((meeting) => meeting.status === 'scheduled');
  const lead =
    live.length === 0
      ? 'La grille des rendez-vous est faite. Aucun rendez-vous n’a pu vous être attribué : vos souhaits, vos disponibilités et celles des autres participants ne se sont pas rencontrés. L’équipe organisatrice peut vous en proposer sur place.'
      : `La grille des rendez-vous est faite : vous avez ${live.length === 1 ? 'un rendez-vous' : `${live.length} rendez-vous`}. Chacun est en pièce jointe, à ajouter à votre agenda.`;
  return email(
    [participant.email],
    context.brand,
    `Votre planning : ${event.title}`,
    'Votre planning de rendez-vous',
    [
      { kind: 'paragraph', text: `Bonjour ${participant.name},` },
      { kind: 'paragraph', text: lead },
      eventFacts(event),
      ...(live.length > 0
        ? [
            {
              kind: 'list' as const,
              ordered: false,
              items: live.map((meeting) => [
                { text: `${meeting.time}, table ${meeting.table} : `, bold: true },
                { text: withWhom(meeting) },
              ]),
            },
          ]
        : []),
      { kind: 'button', label: 'Voir mon planning', href: context.spaceUrl },
    ],
    footer(context.brand),
    live.map((meeting) => meetingCalendar(event, participant, meeting, context.spaceUrl)),
  );
}

/** A meeting the organiser moved or cancelled: both participants hear it, with the new `.ics`. */
export function meetingChangeEmail(
  event: MeetingEvent,
  participant: MeetingParticipantItem,
  meeting: PersonalMeeting,
  before: { time: string; table: number },
  context: { brand: SiteBrand; spaceUrl: string },
): Promise<OutgoingEmail> {
  const cancelled = meeting.status === 'cancelled';
  return email(
    [participant.email],
    context.brand,
    `${cancelled ? 'Rendez-vous annulé' : 'Rendez-vous déplacé'} : ${event.title}`,
    cancelled ? 'Un rendez-vous est annulé' : 'Un rendez-vous a changé',
    [
      { kind: 'paragraph', text: `Bonjour ${participant.name},` },
      {
        kind: 'paragraph',
        text: cancelled
          ? `L’équipe organisatrice a annulé votre rendez-vous de ${before.time} (table ${before.table}) avec ${withWhom(meeting)}.`
          : `L’équipe organisatrice a déplacé votre rendez-vous avec ${withWhom(meeting)} : il a lieu à ${meeting.time}, table ${meeting.table} (au lieu de ${before.time}, table ${before.table}). Le fichier joint met votre agenda à jour.`,
      },
      eventFacts(event),
      { kind: 'button', label: 'Voir mon planning', href: context.spaceUrl },
    ],
    footer(context.brand),
    [meetingCalendar(event, participant, meeting, context.spaceUrl)],
  );
}

/** The organiser's links to the grid (CSV, PDF to print, and the changes the API takes with the same token). */
export const gridLinkEmail = (
  event: MeetingEvent,
  context: {
    brand: SiteBrand;
    pageUrl: string;
    csvUrl: string;
    pdfUrl: string;
    validUntil: Date;
    meetings: number;
    unmet: number;
    participants: number;
  },
): Promise<OutgoingEmail> =>
  email(
    [event.organiserEmail as string],
    context.brand,
    `Grille des rendez-vous : ${event.title}`,
    'La grille des rendez-vous est faite',
    [
      {
        kind: 'paragraph',
        text: `La date limite des souhaits est passée : ${context.meetings} rendez-vous sont placés pour ${context.participants} participants (${context.unmet} souhaits n’ont pas pu l’être). Chaque participant a reçu son planning par e-mail.`,
      },
      eventFacts(event),
      { kind: 'button', label: 'Voir et ajuster la grille', href: context.pageUrl },
      {
        kind: 'paragraph',
        text: 'Sur cette page, vous pouvez déplacer un rendez-vous vers un autre créneau ou une autre table, ou l’annuler : seuls les créneaux où les deux participants sont disponibles et libres, et la table libre, vous sont proposés.',
      },
      { kind: 'link', label: 'Télécharger la grille (CSV)', href: context.csvUrl },
      { kind: 'link', label: 'Imprimer la grille (PDF, A4)', href: context.pdfUrl },
      {
        kind: 'paragraph',
        text: `Ces liens sont valables jusqu’au ${frenchDateTime(context.validUntil)}. Chaque déplacement ou annulation d’un rendez-vous est annoncé par e-mail aux deux participants concernés.`,
      },
    ],
    `${context.brand.siteName} — ce message est envoyé à l’adresse de l’équipe organisatrice indiquée dans la fiche de la rencontre.`,
  );
