import { ComposeIcon } from '@sanity/icons/Compose';
import { defineField, defineType } from 'sanity';

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
