import { BookIcon } from '@sanity/icons/Book';
import { defineArrayMember, defineField, defineType } from 'sanity';
import {
  directorySectors,
  essFamilies,
  exchangeKinds,
} from '../../../functions/directory/directoryVocabulary.ts';
import { frenchRegions } from '../../../functions/programme/vocabulary.ts';
import { moderationStates } from '../../../functions/submissions/submissionVocabulary.ts';

const list = (terms: readonly { value: string; title: string }[]) =>
  terms.map(({ value, title }) => ({ value, title }));

/**
 * An entry of the member directory (`functions/directory/`). A member asks for it and confirms
 * their address; the backend then writes it here as a draft « À modérer » with only the fields
 * the member made public (never their address). Editors check the membership, then « Publier »
 * or « Refuser » (`studio/moderation/`), and the member is told: the published entries are what
 * the directory lists. Editors may also write entries for
 * organisations themselves. A member edits or deletes their entry with their link; a deletion
 * removes the draft and the published entry at once.
 */
export const directoryEntry = defineType({
  name: 'directoryEntry',
  title: 'Fiche de l’annuaire',
  type: 'document',
  icon: BookIcon,
  groups: [
    { name: 'profile', title: 'Fiche', default: true },
    { name: 'moderation', title: 'Modération' },
  ],
  fields: [
    defineField({
      name: 'organization',
      title: 'Structure',
      type: 'string',
      group: 'profile',
      validation: (rule) => rule.required().max(140),
    }),
    defineField({
      name: 'name',
      title: 'Nom',
      type: 'string',
      group: 'profile',
      validation: (rule) => rule.max(120),
    }),
    defineField({
      name: 'role',
      title: 'Fonction',
      type: 'string',
      group: 'profile',
      validation: (rule) => rule.max(120),
    }),
    defineField({
      name: 'regionCode',
      title: 'Région',
      type: 'string',
      group: 'profile',
      options: { list: frenchRegions.map(({ code, name }) => ({ value: code, title: name })) },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'sectors',
      title: 'Secteurs d’activité',
      type: 'array',
      group: 'profile',
      of: [defineArrayMember({ type: 'string' })],
      options: { list: list(directorySectors), layout: 'grid' },
      validation: (rule) => rule.min(1).max(3).unique(),
    }),
    defineField({
      name: 'families',
      title: 'Famille de l’ESS',
      type: 'array',
      group: 'profile',
      of: [defineArrayMember({ type: 'string' })],
      options: { list: list(essFamilies), layout: 'grid' },
      validation: (rule) => rule.min(1).max(2).unique(),
    }),
    defineField({
      name: 'offers',
      title: 'Ce que la structure propose',
      type: 'array',
      group: 'profile',
      of: [defineArrayMember({ type: 'string' })],
      options: { list: list(exchangeKinds), layout: 'grid' },
    }),
    defineField({
      name: 'offerDetails',
      title: 'Ce qu’elle propose, en détail',
      type: 'text',
      rows: 3,
      group: 'profile',
    }),
    defineField({
      name: 'needs',
      title: 'Ce que la structure recherche',
      type: 'array',
      group: 'profile',
      of: [defineArrayMember({ type: 'string' })],
      options: { list: list(exchangeKinds), layout: 'grid' },
    }),
    defineField({
      name: 'needDetails',
      title: 'Ce qu’elle recherche, en détail',
      type: 'text',
      rows: 3,
      group: 'profile',
    }),
    defineField({
      name: 'links',
      title: 'Liens',
      type: 'array',
      group: 'profile',
      of: [defineArrayMember({ type: 'url', validation: (rule) => rule.uri({ scheme: ['https'] }) })],
      validation: (rule) => rule.max(3),
    }),
    defineField({
      name: 'showsEmail',
      title: 'Adresse e-mail publique',
      type: 'boolean',
      group: 'profile',
      readOnly: true,
      description:
        'Le membre a rendu publique une adresse. Elle n’est pas ici : l’annuaire la montre fiche par fiche, jamais dans une liste.',
    }),
    defineField({
      name: 'moderation',
      title: 'Modération',
      type: 'object',
      group: 'moderation',
      description:
        'Pour les fiches demandées par les membres : leur adresse est confirmée ; vérifiez qu’ils sont bien membres, puis « Publier » ou « Refuser » (le membre est prévenu par e-mail).',
      fields: [
        defineField({
          name: 'state',
          title: 'État',
          type: 'string',
          options: { list: list(moderationStates), layout: 'radio', direction: 'horizontal' },
        }),
        defineField({
          name: 'refusalReason',
          title: 'Motif du refus',
          type: 'text',
          rows: 3,
          hidden: ({ parent }) => (parent as { state?: string } | undefined)?.state !== 'refused',
        }),
        defineField({ name: 'publishedAt', title: 'Publiée le', type: 'datetime', readOnly: true }),
        defineField({ name: 'entryVersion', title: 'Version de la fiche', type: 'number', readOnly: true }),
        defineField({ name: 'submittedAt', title: 'Envoyée le', type: 'datetime', readOnly: true }),
        defineField({ name: 'confirmedAt', title: 'Adresse confirmée le', type: 'datetime', readOnly: true }),
      ],
    }),
  ],
  preview: {
    select: { title: 'organization', name: 'name', state: 'moderation.state' },
    prepare: ({ title, name, state }) => ({
      title: title ?? 'Fiche sans structure',
      subtitle: [name, moderationStates.find((candidate) => candidate.value === state)?.title]
        .filter(Boolean)
        .join(' — '),
    }),
  },
});
