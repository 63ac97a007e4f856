import { BlockContentIcon } from '@sanity/icons/BlockContent';
import { defineArrayMember, defineType } from 'sanity';

/** Paragraphs, two heading levels, quotes, lists, bold, italic and links to `linkSchemes`. */
const textBlock = (linkSchemes: string[], linkDescription?: string) =>
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
              ...(linkDescription ? { description: linkDescription } : {}),
              validation: (rule) => rule.required().uri({ scheme: linkSchemes }),
            },
          ],
        },
      ],
    },
  });

/** Rich text: paragraphs, two heading levels, lists, links; nothing that breaks an e-mail. */
export const blockContent = defineType({
  name: 'blockContent',
  title: 'Texte enrichi',
  type: 'array',
  icon: BlockContentIcon,
  of: [textBlock(['http', 'https', 'mailto'])],
});

/**
 * The text of a newsletter: the same blocks, plus images from the Studio's assets (their
 * alternative text is required), and links to https pages only, since a mail links only there.
 * A type of its own, so that images do not appear in events' and articles' texts, where the
 * pages would not show them.
 */
export const newsletterBlockContent = defineType({
  name: 'newsletterBlockContent',
  title: 'Texte de la lettre',
  type: 'array',
  icon: BlockContentIcon,
  of: [
    textBlock(['https'], 'Une adresse en https:// : les messageries n’ouvrent sans alerte que ces liens-là.'),
    defineArrayMember({
      type: 'accessibleImage',
      title: 'Image',
      description: 'Affichée sur 600 pixels de large au plus dans les messageries.',
    }),
  ],
});
