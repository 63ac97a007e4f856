import { PinIcon } from '@sanity/icons/Pin';
import { defineField, defineType } from 'sanity';

export const venue = defineType({
  name: 'venue',
  title: 'Lieu',
  type: 'object',
  icon: PinIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Nom du lieu',
      type: 'string',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({ name: 'address', title: 'Adresse', type: 'string', validation: (rule) => rule.max(200) }),
    defineField({
      name: 'postalCode',
      title: 'Code postal',
      type: 'string',
      validation: (rule) =>
        rule
          .required()
          .regex(/^\d{5}$/, { name: 'code postal' })
          .error('Un code postal a cinq chiffres.'),
    }),
    defineField({
      name: 'city',
      title: 'Commune',
      type: 'string',
      validation: (rule) => rule.required().max(100),
    }),
    defineField({
      name: 'communeCode',
      title: 'Code INSEE de la commune',
      type: 'string',
      description: 'Donné par les propositions des structures : la région et le département en découlent.',
      validation: (rule) =>
        rule.regex(/^\d[\dAB]\d{3}$/).error('Un code INSEE a cinq caractères (2A004, 35238…).'),
    }),
    defineField({ name: 'location', title: 'Position sur la carte', type: 'geopoint' }),
  ],
  preview: {
    select: { title: 'name', postalCode: 'postalCode', city: 'city' },
    prepare: ({ title, postalCode, city }) => ({
      title,
      subtitle: [postalCode, city].filter(Boolean).join(' '),
    }),
  },
});
