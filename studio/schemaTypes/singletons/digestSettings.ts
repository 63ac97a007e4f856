import { ClockIcon } from '@sanity/icons/Clock';
import { defineField, defineType } from 'sanity';

const weekdays = [
  { title: 'Lundi', value: 1 },
  { title: 'Mardi', value: 2 },
  { title: 'Mercredi', value: 3 },
  { title: 'Jeudi', value: 4 },
  { title: 'Vendredi', value: 5 },
  { title: 'Samedi', value: 6 },
  { title: 'Dimanche', value: 7 },
];

/**
 * One per dataset: when subscribers who asked for a weekly or monthly digest receive it (Paris
 * time), and the words that open it. Each digest holds the articles published since the
 * previous one in the subscriber's themes and the next events in their regions; an empty one is
 * not sent.
 */
export const digestSettings = defineType({
  name: 'digestSettings',
  title: 'Résumés par e-mail',
  type: 'document',
  icon: ClockIcon,
  fields: [
    defineField({
      name: 'enabled',
      title: 'Envoyer les résumés',
      description:
        'Décoché, aucun résumé ne part. Coché, chaque abonné qui a choisi un résumé hebdomadaire ou mensuel le reçoit à l’heure dite, s’il contient au moins une actualité ou une manifestation.',
      type: 'boolean',
      initialValue: false,
    }),
    defineField({
      name: 'weeklyDay',
      title: 'Jour du résumé hebdomadaire',
      type: 'number',
      options: { list: weekdays, layout: 'radio', direction: 'horizontal' },
      initialValue: 1,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'weeklyHour',
      title: 'Heure du résumé hebdomadaire',
      description: 'Heure de Paris, de 0 à 23 (8 : le résumé part à 8 h).',
      type: 'number',
      initialValue: 8,
      validation: (rule) => rule.required().integer().min(0).max(23),
    }),
    defineField({
      name: 'monthlyDay',
      title: 'Jour du mois du résumé mensuel',
      description: 'De 1 à 28, pour que chaque mois l’ait.',
      type: 'number',
      initialValue: 1,
      validation: (rule) => rule.required().integer().min(1).max(28),
    }),
    defineField({
      name: 'monthlyHour',
      title: 'Heure du résumé mensuel',
      description: 'Heure de Paris, de 0 à 23.',
      type: 'number',
      initialValue: 8,
      validation: (rule) => rule.required().integer().min(0).max(23),
    }),
    defineField({
      name: 'eventWeeks',
      title: 'Manifestations à venir sur',
      description: 'Nombre de semaines de programme présentées (de 1 à 12).',
      type: 'number',
      initialValue: 4,
      validation: (rule) => rule.required().integer().min(1).max(12),
    }),
    defineField({
      name: 'introduction',
      title: 'Texte d’introduction',
      description: 'Quelques mots en tête de chaque résumé (facultatif).',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.max(600),
    }),
  ],
  preview: {
    select: { enabled: 'enabled' },
    prepare: ({ enabled }) => ({
      title: 'Résumés par e-mail',
      subtitle: enabled ? 'Envoyés' : 'Désactivés',
    }),
  },
});
