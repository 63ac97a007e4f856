import { TransferIcon } from '@sanity/icons/Transfer';
import { defineField, defineType } from 'sanity';
import { placeFields } from '../objects/placeFields.ts';

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The minutes since midnight of « 09:30 », or null. */
const minutesOf = (value: unknown): number | null => {
  if (typeof value !== 'string' || !timeOfDay.test(value)) return null;
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

/** One side of the meetings (« Acheteurs », « Fournisseurs de l’ESS »): its name and who it is for. */
const side = (name: 'sideA' | 'sideB', title: string, example: string) =>
  defineField({
    name,
    title,
    type: 'object',
    validation: (rule) => rule.required(),
    fields: [
      defineField({
        name: 'label',
        title: 'Nom du groupe',
        type: 'string',
        description: `Par exemple « ${example} ».`,
        validation: (rule) => rule.required().max(60),
      }),
      defineField({
        name: 'description',
        title: 'Qui s’inscrit dans ce groupe',
        type: 'text',
        rows: 2,
        validation: (rule) => rule.max(300),
      }),
    ],
  });

/**
 * A business-meeting event (rencontre d’affaires): two groups meet one to one at tables, in
 * time slots; participants register on one side and rank whom they want to meet until the
 * deadline, when Essaim makes the grid (`functions/meetings/`).
 */
export const businessMeeting = defineType({
  name: 'businessMeeting',
  title: 'Rencontre d’affaires',
  type: 'document',
  icon: TransferIcon,
  groups: [
    { name: 'content', title: 'Présentation', default: true },
    { name: 'grid', title: 'Créneaux et tables' },
    { name: 'practical', title: 'Lieu et contact' },
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Titre',
      type: 'string',
      group: 'content',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'slug',
      title: 'Adresse (slug)',
      type: 'slug',
      group: 'content',
      options: { source: 'title', maxLength: 96 },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'summary',
      title: 'Présentation',
      type: 'text',
      rows: 3,
      group: 'content',
      validation: (rule) => rule.max(600),
    }),
    defineField({
      name: 'event',
      title: 'Manifestation du programme',
      type: 'reference',
      to: [{ type: 'event' }],
      group: 'content',
      description:
        'Facultatif : la manifestation (format « Rencontre d’affaires ») qui annonce la rencontre.',
    }),
    side('sideA', 'Premier groupe', 'Acheteurs'),
    side('sideB', 'Second groupe', 'Fournisseurs de l’ESS'),
    defineField({
      name: 'date',
      title: 'Jour de la rencontre',
      type: 'date',
      group: 'grid',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'firstSlotAt',
      title: 'Début du premier créneau',
      type: 'string',
      group: 'grid',
      description: 'Heure de Paris, par exemple 09:00.',
      initialValue: '09:00',
      validation: (rule) =>
        rule
          .required()
          .custom((value) => (minutesOf(value) === null ? 'Écrivez l’heure ainsi : 09:00.' : true)),
    }),
    defineField({
      name: 'lastSlotEndsAt',
      title: 'Fin du dernier créneau',
      type: 'string',
      group: 'grid',
      description: 'Par exemple 12:00 : avec des créneaux de 20 minutes, 9 rendez-vous possibles.',
      initialValue: '12:00',
      validation: (rule) =>
        rule.required().custom((value, context) => {
          const end = minutesOf(value);
          if (end === null) return 'Écrivez l’heure ainsi : 12:00.';
          const document = context.document as { firstSlotAt?: string; slotMinutes?: number } | undefined;
          const start = minutesOf(document?.firstSlotAt);
          if (start !== null && end - start < (document?.slotMinutes ?? 1))
            return 'La fin doit laisser place à au moins un créneau après le début.';
          return true;
        }),
    }),
    defineField({
      name: 'slotMinutes',
      title: 'Durée d’un créneau (minutes)',
      type: 'number',
      group: 'grid',
      initialValue: 20,
      validation: (rule) => rule.required().integer().min(5).max(120),
    }),
    defineField({
      name: 'tables',
      title: 'Nombre de tables',
      type: 'number',
      group: 'grid',
      description: 'Au plus autant de rendez-vous en même temps.',
      validation: (rule) => rule.required().integer().min(1).max(500),
    }),
    defineField({
      name: 'wishesDeadline',
      title: 'Date limite des souhaits',
      type: 'datetime',
      group: 'grid',
      description:
        'Jusqu’à cette date, les participants s’inscrivent et classent les personnes qu’ils veulent rencontrer. Ensuite, Essaim fait la grille et envoie à chacun son planning.',
      validation: (rule) =>
        rule.required().custom((value, context) => {
          const day = (context.document as { date?: string } | undefined)?.date;
          return typeof value === 'string' && day && value.slice(0, 10) > day
            ? 'La date limite doit précéder le jour de la rencontre.'
            : true;
        }),
    }),
    ...placeFields,
    defineField({
      name: 'organiserEmail',
      title: 'E-mail de l’équipe organisatrice',
      type: 'string',
      group: 'practical',
      description: 'Reçoit, à la date limite, le lien vers la grille (export CSV et ajustements).',
      validation: (rule) => rule.required().email(),
    }),
  ],
  preview: {
    select: { title: 'title', date: 'date', sideA: 'sideA.label', sideB: 'sideB.label' },
    prepare: ({ title, date, sideA, sideB }) => ({
      title,
      subtitle: [date, sideA && sideB ? `${sideA} × ${sideB}` : null].filter(Boolean).join(' — '),
    }),
  },
});
