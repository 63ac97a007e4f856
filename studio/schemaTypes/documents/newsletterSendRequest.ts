import { RocketIcon } from '@sanity/icons/Rocket';
import { defineField, defineType } from 'sanity';

/** What an editor may ask of a newsletter's sending, from its document actions. */
export const sendRequestActions = [
  { value: 'test', title: 'Envoyer un test' },
  { value: 'send', title: 'Envoyer' },
  { value: 'schedule', title: 'Programmer' },
  { value: 'pause', title: 'Suspendre' },
  { value: 'resume', title: 'Reprendre' },
  { value: 'resendUncertain', title: 'Renvoyer aux destinataires incertains' },
  { value: 'count', title: 'Compter le public (avant « Envoyer »)' },
] as const;

/**
 * A request to send (test, send, schedule, pause, resume, resend to the uncertain) one
 * newsletter, made by a document action and published at once: the editor's own Sanity
 * permissions decide who may send (publishing needs the Editor role), the newsletter's draft is
 * never touched, and the backend learns of it through the signed content webhook. A digest's
 * send (`digestSend`, its id) takes the same path for pause, resume and resend, with no
 * newsletter. Editors never edit these by hand: the structure does not list them.
 */
export const newsletterSendRequest = defineType({
  name: 'newsletterSendRequest',
  title: 'Demande d’envoi',
  type: 'document',
  icon: RocketIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'newsletter',
      title: 'Lettre',
      type: 'reference',
      to: [{ type: 'newsletter' }],
      weak: true,
      hidden: ({ document }) => Boolean(document?.digestSend),
      validation: (rule) =>
        rule.custom((newsletter, context) =>
          newsletter || context.document?.digestSend ? true : 'Une lettre ou un résumé est requis.',
        ),
    }),
    defineField({
      name: 'digestSend',
      title: 'Résumé (envoi)',
      description: 'L’envoi d’un résumé par e-mail, par exemple « digest-weekly-2027-11-08 ».',
      type: 'string',
      hidden: ({ document }) => !document?.digestSend,
      validation: (rule) =>
        rule.regex(/^digest-(weekly|monthly)-\d{4}-\d{2}-\d{2}$/, { name: 'envoi d’un résumé' }),
    }),
    defineField({
      name: 'action',
      title: 'Action',
      type: 'string',
      options: { list: [...sendRequestActions] },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'sendAt',
      title: 'Date d’envoi (programmation)',
      type: 'datetime',
      hidden: ({ document }) => document?.action !== 'schedule',
    }),
    defineField({ name: 'requestedBy', title: 'Demandé par', type: 'string' }),
    defineField({ name: 'requestedAt', title: 'Demandé le', type: 'datetime' }),
  ],
  preview: {
    select: {
      action: 'action',
      subject: 'newsletter.subject',
      digestSend: 'digestSend',
      requestedAt: 'requestedAt',
    },
    prepare: ({ action, subject, digestSend, requestedAt }) => ({
      title: `${sendRequestActions.find((known) => known.value === action)?.title ?? action} : ${subject ?? digestSend ?? 'lettre'}`,
      subtitle: requestedAt,
    }),
  },
});
