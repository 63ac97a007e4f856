import { EnvelopeIcon } from '@sanity/icons/Envelope';
import { defineField, defineType } from 'sanity';
import { eventThemes } from '../../../functions/programme/vocabulary.ts';

/** A newsletter: written here, sent to the subscribers of its lists, then shown in the public archive. */
export const newsletter = defineType({
  name: 'newsletter',
  title: 'Lettre d’information',
  type: 'document',
  icon: EnvelopeIcon,
  fields: [
    defineField({
      name: 'subject',
      title: 'Objet',
      type: 'string',
      validation: (rule) => rule.required().max(90),
    }),
    defineField({
      name: 'slug',
      title: 'Adresse dans les archives (slug)',
      type: 'slug',
      description:
        'La lettre envoyée s’affiche dans les archives publiques à cette adresse ; le lien « Voir dans le navigateur » de l’e-mail y mène. Ne plus la modifier après l’envoi.',
      options: { source: 'subject', maxLength: 96 },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'preheader',
      title: 'Texte d’aperçu',
      type: 'string',
      description: 'Affiché par les messageries à côté de l’objet.',
      validation: (rule) => rule.required().max(140),
    }),
    defineField({
      name: 'introduction',
      title: 'Édito',
      type: 'newsletterBlockContent',
      description: 'Texte, liens et images. L’e-mail commence par « Bonjour » et le prénom de l’abonné.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'sections',
      title: 'Rubriques',
      type: 'array',
      of: [{ type: 'newsletterSection' }],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'audience',
      title: 'Destinataires',
      type: 'object',
      description:
        'Les abonnés des listes choisies ; thèmes et régions restreignent l’envoi s’ils sont remplis.',
      validation: (rule) => rule.required(),
      fields: [
        defineField({
          name: 'lists',
          title: 'Listes de diffusion',
          type: 'array',
          of: [{ type: 'reference', to: [{ type: 'subscriptionList' }] }],
          description: 'Au moins une liste. La liste de test sert aux envois de test.',
          validation: (rule) =>
            rule.required().min(1).error('Choisissez au moins une liste de diffusion.').unique(),
        }),
        defineField({
          name: 'themes',
          title: 'Thèmes',
          type: 'array',
          of: [{ type: 'string' }],
          description: 'Facultatif : seulement les abonnés qui suivent l’un de ces thèmes.',
          options: { list: [...eventThemes] },
        }),
        defineField({
          name: 'regions',
          title: 'Régions',
          type: 'array',
          of: [{ type: 'reference', to: [{ type: 'region' }] }],
          description: 'Facultatif : seulement les abonnés qui suivent l’une de ces régions.',
          validation: (rule) => rule.unique(),
        }),
      ],
    }),
  ],
  preview: { select: { title: 'subject', subtitle: 'preheader' } },
});
