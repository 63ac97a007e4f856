import { ImageIcon } from '@sanity/icons/Image';
import { defineField, defineType } from 'sanity';

/** An image that always says what it shows, for people who cannot see it. */
export const accessibleImage = defineType({
  name: 'accessibleImage',
  title: 'Image',
  type: 'image',
  icon: ImageIcon,
  options: { hotspot: true },
  fields: [
    defineField({
      name: 'alt',
      title: 'Texte alternatif',
      type: 'string',
      description: 'Décrivez ce que montre l’image, en une phrase (lu par les lecteurs d’écran).',
      validation: (rule) =>
        rule.custom((alt, context) => {
          const parent = context.parent as { asset?: unknown } | undefined;
          if (parent?.asset && !alt?.trim()) return 'Le texte alternatif est obligatoire pour toute image.';
          return true;
        }),
    }),
    defineField({ name: 'credit', title: 'Crédit', type: 'string' }),
  ],
  preview: { select: { title: 'alt', media: 'asset' } },
});
