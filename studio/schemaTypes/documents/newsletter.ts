import { EnvelopeIcon } from '@sanity/icons/Envelope';
import { defineField, defineType } from 'sanity';
import { eventThemes } from '../../../functions/programme/vocabulary.ts';

export const newsletter = defineType({
  name: 'newsletter',
  title: 'Lettre d’information',
  type: 'document',
  icon: EnvelopeIcon,
  fields: [
    defineField({
      name: 'subject',
      title: 'Objet',
      type: 'string',
      validation: (rule) => rule.required().max(90),
    }),
    defineField({
      name: 'preheader',
      title: 'Texte d’aperçu',
      type: 'string',
      description: 'Affiché par les messageries à côté de l’objet.',
      validation: (rule) => rule.required().max(140),
    }),
    defineField({
      name: 'introduction',
      title: 'Édito',
      type: 'blockContent',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'sections',
      title: 'Rubriques',
      type: 'array',
      of: [{ type: 'newsletterSection' }],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'audience',
      title: 'Public',
      type: 'object',
      description: 'Laisser vide pour tous les abonnés.',
      fields: [
        defineField({
          name: 'themes',
          title: 'Thèmes',
          type: 'array',
          of: [{ type: 'string' }],
          options: { list: [...eventThemes] },
        }),
        defineField({
          name: 'regions',
          title: 'Régions',
          type: 'array',
          of: [{ type: 'reference', to: [{ type: 'region' }] }],
        }),
      ],
    }),
  ],
  preview: { select: { title: 'subject', subtitle: 'preheader' } },
});
