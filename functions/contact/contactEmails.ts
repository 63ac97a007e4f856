import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { frenchDateTime } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { ContactMessage } from './contactMessage.ts';

/** The two e-mails a contact message causes; each is sent at most once. */
export type ContactEmailKind = 'notification' | 'acknowledgement';

export interface ContactEmailContext {
  readonly brand: SiteBrand;
  readonly topicLabel: string;
  readonly recipients: readonly string[];
}

/** To the team that handles the topic; answering goes straight to the visitor. */
export async function contactNotification(
  message: ContactMessage,
  context: ContactEmailContext,
): Promise<OutgoingEmail> {
  const receivedAt = frenchDateTime(message.receivedAt);
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `${message.name} vous écrit au sujet de « ${context.topicLabel} ».`,
    heading: 'Nouveau message reçu par le formulaire de contact',
    blocks: [
      {
        kind: 'facts',
        facts: [
          ['Sujet', context.topicLabel],
          ['De', message.name],
          ['Adresse e-mail', message.email],
          ['Reçu le', receivedAt],
        ],
      },
      { kind: 'quote', text: message.message },
      {
        kind: 'paragraph',
        text: 'Pour répondre, utilisez simplement la fonction « Répondre » de votre messagerie : la réponse partira vers l’adresse de la personne.',
      },
    ],
    footer: `Message n° ${message.id}. Conservé jusqu’à sa date de suppression automatique, conformément à notre politique de données personnelles.`,
  });
  return {
    fromName: context.brand.siteName,
    to: context.recipients,
    replyTo: [message.email],
    subject: headerSafe(`[Contact] ${context.topicLabel} — ${message.name}`),
    html,
    text,
  };
}

/**
 * To the visitor: we received it, no need to send it again. It repeats nothing the sender
 * typed (neither the text nor the name): whoever types someone else's address cannot make the
 * network's domain carry their words to it. The team's notification has the message.
 */
export async function contactAcknowledgement(
  message: ContactMessage,
  context: ContactEmailContext,
): Promise<OutgoingEmail> {
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: 'Votre message nous est bien parvenu. Nous vous répondrons au plus vite.',
    heading: 'Bonjour,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Nous avons bien reçu votre message au sujet de « ${context.topicLabel} ». L’équipe concernée vous répondra dans les meilleurs délais, en général sous quelques jours ouvrés.`,
      },
      {
        kind: 'paragraph',
        text: 'Inutile de renvoyer le formulaire : votre demande est enregistrée. Nous n’envoyons cet accusé de réception qu’une fois par jour au plus à une même adresse. Si vous n’êtes pas à l’origine de ce message, vous pouvez ignorer cet e-mail.',
      },
    ],
    footer: `${context.brand.siteName} — vous recevez cet e-mail parce que votre adresse a été saisie dans notre formulaire de contact. Elle ne sert qu’à vous répondre.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [message.email],
    subject: headerSafe(`Nous avons bien reçu votre message — ${context.brand.siteName}`),
    html,
    text,
  };
}

/**
 * The e-mails of a message, by kind: the notification always; the acknowledgement unless the
 * form decided against it (`acknowledge: false`: the address already had one today, or its
 * mailbox has had its share of form mails).
 */
export const contactEmails = async (
  message: ContactMessage,
  context: ContactEmailContext,
): Promise<[ContactEmailKind, OutgoingEmail][]> => [
  ['notification', await contactNotification(message, context)],
  ...(message.acknowledge === false
    ? []
    : [
        ['acknowledgement', await contactAcknowledgement(message, context)] as [
          ContactEmailKind,
          OutgoingEmail,
        ],
      ]),
];
