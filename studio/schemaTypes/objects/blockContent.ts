import { BlockContentIcon } from '@sanity/icons/BlockContent';
import { defineArrayMember, defineType } from 'sanity';

/** Rich text: paragraphs, two heading levels, lists, links; nothing that breaks an e-mail. */
export const blockContent = defineType({
  name: 'blockContent',
  title: 'Texte enrichi',
  type: 'array',
  icon: BlockContentIcon,
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        { title: 'Paragraphe', value: 'normal' },
        { title: 'Intertitre', value: 'h2' },
        { title: 'Sous-intertitre', value: 'h3' },
        { title: 'Citation', value: 'blockquote' },
      ],
      lists: [
        { title: 'Liste à puces', value: 'bullet' },
        { title: 'Liste numérotée', value: 'number' },
      ],
      marks: {
        decorators: [
          { title: 'Gras', value: 'strong' },
          { title: 'Italique', value: 'em' },
        ],
        annotations: [
          {
            name: 'link',
            type: 'object',
            title: 'Lien',
            fields: [
              {
                name: 'href',
                type: 'url',
                title: 'Adresse',
                validation: (rule) => rule.required().uri({ scheme: ['http', 'https', 'mailto'] }),
              },
            ],
          },
        ],
      },
    }),
  ],
});
