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
 * never touched, and the backend learns of it through the signed content webhook. Editors never
 * edit these by hand: the structure does not list them.
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
      validation: (rule) => rule.required(),
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
    select: { action: 'action', subject: 'newsletter.subject', requestedAt: 'requestedAt' },
    prepare: ({ action, subject, requestedAt }) => ({
      title: `${sendRequestActions.find((known) => known.value === action)?.title ?? action} : ${subject ?? 'lettre'}`,
      subtitle: requestedAt,
    }),
  },
});
