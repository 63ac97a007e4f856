import { RocketIcon } from '@sanity/icons/Rocket';
import { defineField, defineType } from 'sanity';
import { PrintedProgrammeField } from '../../printedProgramme/printedProgrammeField.ts';

/** A campaign such as the Mois de l'ESS: its dates, when organisers may submit, the printed-programme deadline. */
export const campaign = defineType({
  name: 'campaign',
  title: 'Campagne',
  type: 'document',
  icon: RocketIcon,
  fields: [
    defineField({ name: 'title', title: 'Titre', type: 'string', validation: (rule) => rule.required() }),
    defineField({
      name: 'slug',
      title: 'Adresse (slug)',
      type: 'slug',
      options: { source: 'title' },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'startsOn',
      title: 'Premier jour',
      type: 'date',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'endsOn',
      title: 'Dernier jour',
      type: 'date',
      validation: (rule) => rule.required().min(rule.valueOfField('startsOn')),
    }),
    defineField({
      name: 'submissionsOpenAt',
      title: 'Ouverture des propositions',
      type: 'datetime',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'submissionsCloseAt',
      title: 'Clôture des propositions',
      type: 'datetime',
      validation: (rule) => rule.required().min(rule.valueOfField('submissionsOpenAt')),
    }),
    defineField({
      name: 'printedProgrammeDeadline',
      title: 'Date limite du programme papier',
      type: 'date',
      description: 'Le programme papier reprend le programme en ligne tel qu’il est à cette date.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'printedProgramme',
      title: 'Programme papier',
      type: 'string',
      description: 'Les PDF faits par Essaim, national et par région, avec leur date (lecture seule).',
      readOnly: true,
      components: { input: PrintedProgrammeField },
    }),
    defineField({ name: 'description', title: 'Présentation', type: 'blockContent' }),
  ],
  preview: {
    select: { title: 'title', startsOn: 'startsOn', endsOn: 'endsOn' },
    prepare: ({ title, startsOn, endsOn }) => ({
      title,
      subtitle: startsOn && endsOn ? `du ${startsOn} au ${endsOn}` : undefined,
    }),
  },
});
