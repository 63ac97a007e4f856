import { EarthGlobeIcon } from '@sanity/icons/EarthGlobe';
import { defineField, defineType } from 'sanity';
import { frenchRegions } from '../../../functions/programme/vocabulary.ts';

/** One of the 18 regions, with its official code and its regional chamber (CRESS). */
export const region = defineType({
  name: 'region',
  title: 'Région',
  type: 'document',
  icon: EarthGlobeIcon,
  fields: [
    defineField({ name: 'name', title: 'Nom', type: 'string', validation: (rule) => rule.required() }),
    defineField({
      name: 'code',
      title: 'Code officiel (INSEE)',
      type: 'string',
      options: { list: frenchRegions.map(({ code, name }) => ({ value: code, title: `${code} — ${name}` })) },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'cress',
      title: 'Chambre régionale (CRESS)',
      type: 'object',
      fields: [
        defineField({ name: 'name', title: 'Nom', type: 'string', validation: (rule) => rule.required() }),
        defineField({
          name: 'email',
          title: 'E-mail des notifications',
          type: 'string',
          validation: (rule) => rule.required().email(),
        }),
        defineField({ name: 'website', title: 'Site web', type: 'url' }),
        defineField({
          name: 'submissionNotices',
          title: 'Propositions de manifestations reçues',
          description:
            'Comment la chambre est prévenue des manifestations proposées dans sa région : un e-mail par proposition, ou un résumé chaque matin des propositions de la veille.',
          type: 'string',
          options: {
            list: [
              { value: 'each', title: 'Un e-mail par proposition' },
              { value: 'daily', title: 'Un résumé par jour' },
            ],
            layout: 'radio',
          },
          initialValue: 'each',
        }),
      ],
      validation: (rule) => rule.required(),
    }),
  ],
  orderings: [{ title: 'Nom', name: 'nameAsc', by: [{ field: 'name', direction: 'asc' }] }],
  preview: { select: { title: 'name', subtitle: 'cress.name' } },
});
