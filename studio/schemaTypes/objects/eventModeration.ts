import { defineArrayMember, defineField } from 'sanity';
import { legalStatuses } from '../../../functions/programme/vocabulary.ts';
import { moderationStates } from '../../../functions/submissions/submissionVocabulary.ts';

const readOnlyText = (name: string, title: string) =>
  defineField({ name, title, type: 'string', readOnly: true });

/**
 * The moderation of an event an organisation submitted (`functions/submissions/`), as
 * OpenAgenda's states: « À modérer », « Prêt », « Publié », « Refusé ». The backend writes the
 * submission as a draft in « À modérer »; the moderator checks it, links the organiser (never
 * merged on an identifier alone: possible matches are listed) and publishes or refuses it. An
 * edit by the organiser after publication comes back as a draft in « À modérer » while the
 * published version stays online. Events editors write themselves have no moderation. The
 * person to contact is not here (a published event is public): the backend keeps it in the
 * private document `essaim-private.submission.<submission>`, which only Studio users read, and
 * mails it to the chamber.
 */
export const eventModerationField = defineField({
  name: 'moderation',
  title: 'Modération',
  type: 'object',
  group: 'moderation',
  description:
    'Pour les manifestations proposées par les structures : où en est la proposition, et ce qu’elles ont déclaré.',
  fields: [
    defineField({
      name: 'state',
      title: 'État',
      type: 'string',
      options: {
        list: moderationStates.map(({ value, title }) => ({ value, title })),
        layout: 'radio',
        direction: 'horizontal',
      },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'publishedAt',
      title: 'Publiée le',
      type: 'datetime',
      description:
        'Posé à la publication. Le programme papier reprend les manifestations publiées avant sa date limite.',
    }),
    defineField({
      name: 'refusalReason',
      title: 'Motif du refus',
      type: 'text',
      rows: 3,
      hidden: ({ parent }) => (parent as { state?: string } | undefined)?.state !== 'refused',
    }),
    readOnlyText('submission', 'Proposition n°'),
    defineField({
      name: 'submissionVersion',
      title: 'Version de la proposition',
      type: 'number',
      readOnly: true,
    }),
    defineField({
      name: 'occurrence',
      title: 'Date n°',
      type: 'number',
      readOnly: true,
      description: 'Une manifestation par date : les dates d’une même proposition portent son numéro.',
    }),
    defineField({ name: 'submittedAt', title: 'Proposée le', type: 'datetime', readOnly: true }),
    defineField({
      name: 'essLink',
      title: 'Lien avec l’ESS, selon la structure',
      type: 'text',
      rows: 3,
      readOnly: true,
    }),
    defineField({
      name: 'organization',
      title: 'Structure déclarée',
      type: 'object',
      readOnly: true,
      fields: [
        readOnlyText('name', 'Nom'),
        defineField({
          name: 'legalStatus',
          title: 'Statut',
          type: 'string',
          options: { list: [...legalStatuses] },
        }),
        readOnlyText('siret', 'SIRET'),
        readOnlyText('rna', 'Numéro RNA'),
      ],
    }),
    defineField({
      name: 'possibleOrganizations',
      title: 'Structures existantes qui pourraient être la même',
      description:
        'Même SIRET, même numéro RNA ou nom proche. À vous de décider : choisissez la structure organisatrice (onglet Programme), ou créez-la.',
      type: 'array',
      readOnly: true,
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'organization' }], weak: true })],
    }),
    defineField({ name: 'imageUrl', title: 'Image proposée (lien)', type: 'url', readOnly: true }),
  ],
});
