import { eventFormats, titleOf } from '../programme/vocabulary.ts';
import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { eventPeriod, frenchDateTime } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { Submission } from './submission.ts';
import { attendanceModes, registrationModes } from './submissionVocabulary.ts';

/** The two mails of a new submission, each sent once. */
export type SubmissionEmailKind = 'acknowledgement' | 'chamber';

const datesOf = (submission: Submission): string[] =>
  submission.event.occurrences.map((occurrence) => eventPeriod(occurrence.startsAt, occurrence.endsAt));

const placeOf = (submission: Submission): string => {
  const { place, attendanceMode } = submission.event;
  const mode = attendanceModes.find((candidate) => candidate.value === attendanceMode)?.title ?? '';
  return place
    ? `${place.name}, ${place.address}, ${place.postalCode} ${place.communeName} (${mode.toLowerCase()})`
    : mode;
};

/**
 * To the organiser: received, what happens next, and the signed link to see and edit it until
 * the submissions close. It repeats only the event's title: whoever typed someone else's address
 * cannot make the network's domain carry their words.
 */
export async function submissionAcknowledgement(
  submission: Submission,
  context: { readonly brand: SiteBrand; readonly editUrl: string; readonly editableUntil: Date | null },
): Promise<OutgoingEmail> {
  const until = context.editableUntil ? ` jusqu’au ${frenchDateTime(context.editableUntil)}` : '';
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `Votre proposition pour « ${submission.campaign.title} » est bien enregistrée.`,
    heading: 'Bonjour,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Nous avons bien reçu la manifestation « ${submission.event.title} » que vous proposez pour « ${submission.campaign.title} ». La chambre régionale de l’ESS l’examine avant de la publier dans le programme ; vous serez prévenu de sa décision.`,
      },
      {
        kind: 'button',
        label: 'Voir ou modifier ma proposition',
        href: context.editUrl,
      },
      {
        kind: 'paragraph',
        text: `Ce lien vous permet de la modifier${until}. Une modification faite après la publication est examinée à son tour : la version publiée reste en ligne en attendant. Gardez ce lien pour vous : il donne accès à votre proposition.`,
      },
    ],
    footer: `${context.brand.siteName} — vous recevez cet e-mail parce que votre adresse a été indiquée dans une proposition de manifestation. Si vous n’en êtes pas à l’origine, ignorez-le : rien ne sera publié sans examen.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [submission.contact.email],
    subject: headerSafe(`Proposition reçue — ${submission.campaign.title}`),
    html,
    text,
  };
}

/** To the chamber of the event's region: a new submission to moderate, with its document in the Studio. */
export async function chamberNotification(
  submission: Submission,
  context: {
    readonly brand: SiteBrand;
    readonly chamberEmail: string;
    readonly regionName: string;
    readonly studioUrl: string;
  },
): Promise<OutgoingEmail> {
  const { organization, contact, event } = submission;
  const registration = registrationModes.find((mode) => mode.value === event.registration.mode)?.title ?? '';
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `${organization.name} propose « ${event.title} » en ${context.regionName}.`,
    heading: 'Nouvelle manifestation à modérer',
    blocks: [
      {
        kind: 'facts',
        facts: [
          ['Manifestation', event.title],
          ['Campagne', submission.campaign.title],
          ['Format', titleOf(eventFormats, event.format)],
          [event.occurrences.length > 1 ? 'Dates' : 'Date', datesOf(submission).join(' ; ')],
          ['Lieu', placeOf(submission)],
          ['Ouverte à tout public', event.openToAll ? 'oui' : 'non'],
          ['Inscriptions', registration],
          [
            'Structure',
            `${organization.name}${organization.siret ? ` — SIRET ${organization.siret}` : ''}${organization.rna ? ` — RNA ${organization.rna}` : ''}`,
          ],
          ['Contact', `${contact.name} — ${contact.email}${contact.phone ? ` — ${contact.phone}` : ''}`],
        ],
      },
      { kind: 'paragraph', text: 'Le lien avec l’ESS, selon la structure :' },
      { kind: 'quote', text: event.essLink },
      { kind: 'button', label: 'Modérer dans le Studio', href: context.studioUrl },
      {
        kind: 'paragraph',
        text: 'La manifestation attend en brouillon, à l’état « À modérer » : rien n’est publié avant votre décision. Les structures existantes qui pourraient être la même sont listées dans l’onglet Modération ; choisissez la structure organisatrice avant de publier.',
      },
    ],
    footer: `Proposition n° ${submission.id}. Vous recevez cet e-mail comme chambre régionale de l’ESS de la région ${context.regionName}.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [context.chamberEmail],
    replyTo: [contact.email],
    subject: headerSafe(`[À modérer] ${event.title} — ${organization.name}`),
    html,
    text,
  };
}
