import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { frenchShortDateTime } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { PersonalDataExport } from './personalDataFinder.ts';
import type { RequestKind } from './personalDataRequest.ts';

/**
 * The three mails of a request: the confirmation link (the only mail before the owner's click),
 * then the data (export) or the word that the erasure is done. None repeats anything but the
 * address the mail goes to, and the data in the export, which is the point.
 */

/** What each place of `storedDataFinders` holds, in the words of the person who asked. */
export const placesInFrench: Readonly<
  Record<string, { readonly title: string; readonly description: string }>
> = {
  mailFeedback: {
    title: 'Distribution de nos e-mails',
    description:
      'Les retours de distribution de nos e-mails à votre adresse (rebonds, plaintes) et, s’il y a lieu, son inscription sur la liste des adresses auxquelles nous n’écrivons plus (une empreinte chiffrée, jamais l’adresse).',
  },
  subscribers: {
    title: 'Abonnement aux lettres',
    description:
      'Votre abonnement aux lettres d’information (adresse, nom, lettres, régions, thèmes, récapitulatif, consentement) et les e-mails que le formulaire d’abonnement vous a envoyés.',
  },
  registrations: {
    title: 'Inscriptions',
    description:
      'Vos inscriptions aux manifestations (nom, adresse, statut, consentement, la manifestation) et vos places en liste d’attente.',
  },
  contactMessages: {
    title: 'Messages de contact',
    description: 'Les messages que vous avez envoyés par le formulaire de contact.',
  },
  eventSubmissions: {
    title: 'Propositions de manifestations',
    description:
      'Les manifestations que vous avez proposées à une campagne comme personne à contacter (votre nom, adresse, téléphone, la structure, la manifestation, votre consentement).',
  },
  directoryEntries: {
    title: 'Annuaire des membres',
    description:
      'Votre fiche de l’annuaire (votre adresse, qui n’est jamais publique, ce que vous avez écrit, et votre accord pour chaque champ rendu public) et les messages que vous avez écrits à des membres, le temps de les leur envoyer.',
  },
  businessMeetings: {
    title: 'Rencontres d’affaires',
    description:
      'Vos inscriptions aux rencontres d’affaires (votre groupe, votre nom, votre structure, ce que vous proposez ou recherchez, vos créneaux, les personnes que vous souhaitez rencontrer, votre adresse). Les rendez-vous de la grille ne portent que des identifiants.',
  },
  rateLimits: {
    title: 'Compteurs d’e-mails',
    description:
      'Le nombre d’e-mails que nos formulaires ont envoyés à votre boîte dans l’heure ou la journée (une empreinte chiffrée de l’adresse et un nombre).',
  },
  personalDataRequests: {
    title: 'Demandes sur vos données',
    description: 'Vos demandes d’accès à vos données ou de leur effacement.',
  },
};

const countOf = (found: unknown): number => (Array.isArray(found) ? found.length : found ? 1 : 0);

const elements = (count: number) => (count === 0 ? 'rien' : count === 1 ? '1 élément' : `${count} éléments`);

const kindWords = {
  export: { asked: 'l’envoi des données', button: 'Recevoir mes données' },
  erase: { asked: 'l’effacement des données', button: 'Effacer mes données' },
} as const satisfies Record<RequestKind, { asked: string; button: string }>;

export async function confirmationEmail(
  kind: RequestKind,
  to: string,
  context: { readonly brand: SiteBrand; readonly actionUrl: string; readonly confirmUntil: Date },
): Promise<OutgoingEmail> {
  const { brand } = context;
  const { html, text } = await renderEmail({
    brand,
    preheader: 'Un clic pour confirmer votre demande',
    heading: 'Confirmez votre demande',
    blocks: [
      {
        kind: 'paragraph',
        text: `Quelqu’un, sans doute vous, a demandé à ${brand.siteName} ${kindWords[kind].asked} gardées sur cette adresse.`,
      },
      ...(kind === 'erase'
        ? [
            {
              kind: 'paragraph' as const,
              text: 'Après votre confirmation, votre abonnement, vos inscriptions et vos messages seront effacés, une inscription à venir sera annulée, et nous ne vous écrirons plus.',
            },
          ]
        : []),
      {
        kind: 'button',
        label: `Confirmer : ${kindWords[kind].button.toLowerCase()}`,
        href: context.actionUrl,
      },
      {
        kind: 'paragraph',
        text: `Ce lien est valable jusqu’au ${frenchShortDateTime(context.confirmUntil)}. Il ouvre une page où vous confirmez d’un clic.`,
      },
    ],
    footer: `${brand.siteName} — si vous n’avez rien demandé, ignorez ce message : rien ne se passera.`,
  });
  return {
    fromName: brand.siteName,
    to: [to],
    subject: headerSafe(
      kind === 'export' ? 'Confirmez l’envoi de vos données' : 'Confirmez l’effacement de vos données',
    ),
    html,
    text,
  };
}

/** The export for the person: each place in French, with what it holds, as the attachment. */
export function exportForPerson(exported: PersonalDataExport) {
  return {
    adresse: exported.address,
    exporteLe: exported.exportedAt,
    donnees: Object.fromEntries(
      Object.entries(exported.data).map(([name, { found }]) => [
        name,
        { description: placesInFrench[name]?.description ?? name, elements: found },
      ]),
    ),
  };
}

export async function exportEmail(
  to: string,
  context: { readonly brand: SiteBrand; readonly exported: PersonalDataExport },
): Promise<OutgoingEmail> {
  const { brand, exported } = context;
  const { html, text } = await renderEmail({
    brand,
    preheader: 'Tout ce que nous gardons sur votre adresse',
    heading: 'Vos données personnelles',
    blocks: [
      {
        kind: 'paragraph',
        text: `Voici tout ce que ${brand.siteName} garde sur cette adresse le ${frenchShortDateTime(exported.exportedAt)}, comme vous l’avez demandé. Le détail est dans le fichier joint, au format JSON (il s’ouvre avec un éditeur de texte).`,
      },
      {
        kind: 'facts',
        facts: Object.entries(exported.data).map(([name, { found }]) => [
          placesInFrench[name]?.title ?? name,
          elements(countOf(found)),
        ]),
      },
      {
        kind: 'paragraph',
        text: 'Pour faire effacer ces données, faites une demande d’effacement depuis la page « Vos données personnelles ».',
      },
    ],
    footer: `${brand.siteName} — vous recevez ce message parce que vous avez demandé vos données et confirmé la demande.`,
  });
  return {
    fromName: brand.siteName,
    to: [to],
    subject: headerSafe(`Vos données personnelles chez ${brand.siteName}`),
    html,
    text,
    attachments: [
      {
        fileName: 'mes-donnees.json',
        contentType: 'application/json; charset=utf-8',
        content: `${JSON.stringify(exportForPerson(exported), null, 2)}\n`,
      },
    ],
  };
}

export async function erasureEmail(
  to: string,
  context: { readonly brand: SiteBrand },
): Promise<OutgoingEmail> {
  const { brand } = context;
  const { html, text } = await renderEmail({
    brand,
    preheader: 'Vos données sont effacées',
    heading: 'Vos données sont effacées',
    blocks: [
      {
        kind: 'paragraph',
        text: `Comme vous l’avez demandé, nous avons effacé ce que ${brand.siteName} gardait sur cette adresse : abonnement, inscriptions (celles à venir ont été annulées et leurs places rendues), messages de contact, demandes.`,
      },
      {
        kind: 'paragraph',
        text: 'Seule reste une empreinte chiffrée de l’adresse, jamais l’adresse elle-même, sur la liste des adresses auxquelles nous n’écrivons plus (3 ans) : c’est ce qui nous permet de respecter votre demande. Ce message est le dernier que nous vous envoyons.',
      },
      {
        kind: 'paragraph',
        text: 'Les sauvegardes techniques s’effacent d’elles-mêmes en 35 jours au plus. Si vous revenez (inscription, abonnement), nous ne pourrons vous écrire qu’après avoir levé cette exclusion, à votre demande.',
      },
    ],
    footer: `${brand.siteName} — vous recevez ce message parce que vous avez demandé l’effacement de vos données et confirmé la demande.`,
  });
  return {
    fromName: brand.siteName,
    to: [to],
    subject: headerSafe('Vos données personnelles sont effacées'),
    html,
    text,
  };
}
