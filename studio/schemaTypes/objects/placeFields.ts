import { defineField } from 'sanity';

/**
 * Where something takes place: a venue, or a link to join online, one of the two at least
 * (events and business meetings share them). In the form's group `practical`.
 */
export const placeFields = [
  defineField({
    name: 'venue',
    title: 'Lieu',
    type: 'venue',
    group: 'practical',
    validation: (rule) =>
      rule.custom((venue, context) =>
        venue || (context.document as { onlineUrl?: string } | undefined)?.onlineUrl
          ? true
          : 'Indiquez un lieu ou un lien de participation en ligne.',
      ),
  }),
  defineField({
    name: 'onlineUrl',
    title: 'Lien de participation en ligne',
    type: 'url',
    group: 'practical',
    validation: (rule) => rule.uri({ scheme: ['https'] }),
  }),
];
