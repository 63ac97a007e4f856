import { LinkIcon } from '@sanity/icons/Link';
import { defineField, defineType } from 'sanity';

export const socialLink = defineType({
  name: 'socialLink',
  title: 'Réseau social',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'network',
      title: 'Réseau',
      type: 'string',
      options: {
        list: ['LinkedIn', 'Mastodon', 'Bluesky', 'Facebook', 'Instagram', 'YouTube', 'PeerTube', 'Autre'],
      },
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'url', title: 'Adresse', type: 'url', validation: (rule) => rule.required() }),
  ],
  preview: { select: { title: 'network', subtitle: 'url' } },
});
