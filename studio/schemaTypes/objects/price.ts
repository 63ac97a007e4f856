import { BillIcon } from '@sanity/icons/Bill';
import { defineField, defineType } from 'sanity';

export const price = defineType({
  name: 'price',
  title: 'Tarif',
  type: 'object',
  icon: BillIcon,
  fields: [
    defineField({
      name: 'free',
      title: 'Gratuit',
      type: 'boolean',
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'amount',
      title: 'Prix (euros)',
      type: 'number',
      hidden: ({ parent }) => (parent as { free?: boolean } | undefined)?.free !== false,
      validation: (rule) =>
        rule
          .min(0)
          .custom((amount, context) =>
            (context.parent as { free?: boolean } | undefined)?.free === false && amount === undefined
              ? 'Indiquez le prix, ou cochez « Gratuit ».'
              : true,
          ),
    }),
    defineField({
      name: 'details',
      title: 'Précisions',
      type: 'string',
      description: 'Tarif réduit, prix libre…',
    }),
  ],
  preview: {
    select: { free: 'free', amount: 'amount', details: 'details' },
    prepare: ({ free, amount, details }) => ({
      title: free ? 'Gratuit' : amount !== undefined ? `${amount} €` : 'Payant',
      subtitle: details,
    }),
  },
});
