import { ComposeIcon } from '@sanity/icons/Compose';
import { defineField, defineType } from 'sanity';

/** A section of a newsletter: a heading, a few words, and cards of articles and events. */
export const newsletterSection = defineType({
  name: 'newsletterSection',
  title: 'Rubrique',
  type: 'object',
  icon: ComposeIcon,
  fields: [
    defineField({
      name: 'heading',
      title: 'Titre de la rubrique',
      type: 'string',
      validation: (rule) => rule.required().max(80),
    }),
    defineField({ name: 'text', title: 'Chapeau', type: 'text', rows: 3 }),
    defineField({
      name: 'items',
      title: 'Articles et manifestations',
      type: 'array',
      of: [{ type: 'reference', to: [{ type: 'article' }, { type: 'event' }] }],
      description:
        'Chacun devient une carte : une actualité avec sa date et son chapô ; une manifestation avec sa date, son lieu et un bouton « S’inscrire » tant que les inscriptions sont ouvertes.',
      validation: (rule) => rule.required().min(1).max(12).unique(),
    }),
  ],
  preview: {
    select: { title: 'heading', items: 'items' },
    prepare: ({ title, items }) => ({
      title,
      subtitle: `${(items as unknown[] | undefined)?.length ?? 0} élément(s)`,
    }),
  },
});
