import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { defineField, defineType } from 'sanity';
import { eventThemes } from '../../../functions/programme/vocabulary.ts';

export const article = defineType({
  name: 'article',
  title: 'Actualité',
  type: 'document',
  icon: DocumentTextIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Titre',
      type: 'string',
      validation: (rule) => rule.required().max(140),
    }),
    defineField({
      name: 'slug',
      title: 'Adresse (slug)',
      type: 'slug',
      options: { source: 'title', maxLength: 96 },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'publishedAt',
      title: 'Date de publication',
      type: 'datetime',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'excerpt',
      title: 'Chapô',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().max(300),
    }),
    defineField({
      name: 'body',
      title: 'Texte',
      type: 'blockContent',
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'image', title: 'Image', type: 'accessibleImage' }),
    defineField({ name: 'author', title: 'Auteur ou autrice', type: 'string' }),
    defineField({
      name: 'themes',
      title: 'Thèmes',
      type: 'array',
      of: [{ type: 'string' }],
      options: { list: [...eventThemes] },
    }),
  ],
  orderings: [
    { title: 'Plus récentes', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] },
  ],
  preview: { select: { title: 'title', subtitle: 'publishedAt', media: 'image' } },
});
