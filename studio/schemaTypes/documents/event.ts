import { CalendarIcon } from '@sanity/icons/Calendar';
import { defineArrayMember, defineField, defineType } from 'sanity';
import {
  eventFormats,
  eventStatuses,
  eventThemes,
  titleOf,
} from '../../../functions/programme/vocabulary.ts';
import { attendanceModes, disabilityKinds } from '../../../functions/submissions/submissionVocabulary.ts';
import { eventModerationField } from '../objects/eventModeration.ts';
import { placeFields } from '../objects/placeFields.ts';

const parisDate = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** A manifestation of a campaign programme. */
export const event = defineType({
  name: 'event',
  title: 'Manifestation',
  type: 'document',
  icon: CalendarIcon,
  groups: [
    { name: 'content', title: 'Contenu', default: true },
    { name: 'practical', title: 'Infos pratiques' },
    { name: 'registration', title: 'Inscriptions' },
    { name: 'programme', title: 'Programme' },
    { name: 'moderation', title: 'Modération' },
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Titre',
      type: 'string',
      group: 'content',
      validation: (rule) => rule.required().max(140),
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
      title: 'Résumé',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'Deux ou trois phrases pour la carte du programme et le programme papier.',
      validation: (rule) => rule.required().max(400),
    }),
    defineField({ name: 'body', title: 'Description', type: 'blockContent', group: 'content' }),
    defineField({ name: 'image', title: 'Image', type: 'accessibleImage', group: 'content' }),
    defineField({
      name: 'startsAt',
      title: 'Début',
      type: 'datetime',
      group: 'practical',
      options: { timeStep: 15 },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'endsAt',
      title: 'Fin',
      type: 'datetime',
      group: 'practical',
      options: { timeStep: 15 },
      validation: (rule) =>
        rule
          .required()
          .min(rule.valueOfField('startsAt'))
          .custom((endsAt, context) => {
            const startsAt = (context.document as { startsAt?: string } | undefined)?.startsAt;
            return endsAt && startsAt && endsAt <= startsAt ? 'La fin doit être après le début.' : true;
          }),
    }),
    defineField({
      name: 'format',
      title: 'Format',
      type: 'string',
      group: 'content',
      options: { list: [...eventFormats], layout: 'dropdown' },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'themes',
      title: 'Thèmes',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({ type: 'string' })],
      options: { list: [...eventThemes], layout: 'grid' },
      description: 'Le lien avec l’ESS doit pouvoir être fait : choisissez au moins un thème.',
      validation: (rule) => rule.required().min(1).max(4).unique(),
    }),
    defineField({
      name: 'openToAll',
      title: 'Ouverte à tout public',
      type: 'boolean',
      group: 'programme',
      description: 'Seules les manifestations ouvertes à tous figurent dans le programme papier.',
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'campaign',
      title: 'Campagne',
      type: 'reference',
      group: 'programme',
      to: [{ type: 'campaign' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'organizer',
      title: 'Structure organisatrice',
      type: 'reference',
      group: 'programme',
      to: [{ type: 'organization' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'region',
      title: 'Région',
      type: 'reference',
      group: 'programme',
      to: [{ type: 'region' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'attendanceMode',
      title: 'Mode de participation',
      type: 'string',
      group: 'practical',
      options: {
        list: attendanceModes.map(({ value, title }) => ({ value, title })),
        layout: 'radio',
        direction: 'horizontal',
      },
      initialValue: 'onsite',
    }),
    ...placeFields,
    defineField({
      name: 'registration',
      title: 'Inscriptions',
      type: 'registrationSettings',
      group: 'registration',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'externalRegistrationUrl',
      title: 'Inscription sur un autre site',
      type: 'url',
      group: 'registration',
      description: 'Quand les inscriptions se font ailleurs que sur ce site (billetterie de la structure…).',
      validation: (rule) => rule.uri({ scheme: ['https'] }),
    }),
    defineField({
      name: 'accessibility',
      title: 'Accessibilité',
      type: 'object',
      group: 'practical',
      description: 'Les publics accueillis, comme OpenAgenda les enregistre, et les équipements du lieu.',
      fields: [
        ...disabilityKinds.map(({ value, title }) =>
          defineField({
            name: value,
            title: `Accessible aux personnes en situation de ${title.toLowerCase()}`,
            type: 'boolean',
          }),
        ),
        defineField({ name: 'wheelchair', title: 'Accessible en fauteuil roulant', type: 'boolean' }),
        defineField({ name: 'hearingLoop', title: 'Boucle magnétique', type: 'boolean' }),
        defineField({ name: 'signLanguage', title: 'Interprétation en LSF', type: 'boolean' }),
        defineField({ name: 'details', title: 'Précisions', type: 'string' }),
      ],
    }),
    defineField({
      name: 'price',
      title: 'Tarif',
      type: 'price',
      group: 'practical',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'status',
      title: 'Statut',
      type: 'string',
      group: 'programme',
      options: { list: [...eventStatuses], layout: 'radio', direction: 'horizontal' },
      initialValue: 'scheduled',
      validation: (rule) => rule.required(),
    }),
    eventModerationField,
  ],
  orderings: [{ title: 'Date de début', name: 'startsAtAsc', by: [{ field: 'startsAt', direction: 'asc' }] }],
  preview: {
    select: {
      title: 'title',
      startsAt: 'startsAt',
      city: 'venue.city',
      status: 'status',
      format: 'format',
      media: 'image',
    },
    prepare: ({ title, startsAt, city, status, format, media }) => ({
      title: status === 'cancelled' ? `[Annulée] ${title}` : title,
      subtitle: [
        startsAt ? parisDate.format(new Date(startsAt)) : 'Date à fixer',
        city,
        format && titleOf(eventFormats, format),
      ]
        .filter(Boolean)
        .join(' · '),
      media,
    }),
  },
});
