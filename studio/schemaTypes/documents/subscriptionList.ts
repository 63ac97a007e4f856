import { InboxIcon } from '@sanity/icons/Inbox';
import { defineField, defineType } from 'sanity';

/** The list id subscribers send (`POST /subscriptions`, `lists`) and that their subscriptions store. */
const idMaxLength = 60;
const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Mois de l’ESS" → "mois-de-l-ess": no accents, "&" said "et", words joined by dashes. */
const toListId = (title: string) =>
  title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, idMaxLength)
    .replace(/-+$/, '');

/** A newsletter subscription list that subscribers choose on the form, or one kept for editors' sends. */
export const subscriptionList = defineType({
  name: 'subscriptionList',
  title: 'Liste de diffusion',
  type: 'document',
  icon: InboxIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Titre',
      type: 'string',
      description: 'Tel qu’il apparaît sur le formulaire d’abonnement (ex. « Actualités du réseau »).',
      validation: (rule) => rule.required().max(80),
    }),
    defineField({
      name: 'slug',
      title: 'Identifiant (slug)',
      type: 'slug',
      description:
        'Enregistré avec chaque abonnement : le modifier détacherait de la liste les abonnés existants. Lettres minuscules sans accent, chiffres et tirets, 60 caractères au plus.',
      options: { source: 'title', maxLength: idMaxLength, slugify: toListId },
      validation: (rule) =>
        rule.required().custom((slug) => {
          const id = slug?.current;
          if (!id) return true;
          if (id.length > idMaxLength) return `L’identifiant ne doit pas dépasser ${idMaxLength} caractères.`;
          return idPattern.test(id)
            ? true
            : 'Lettres minuscules sans accent, chiffres et tirets seulement, sans tiret au début ni à la fin (ex. « mois-ess »).';
        }),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 3,
      description:
        'Affichée sous le titre sur le formulaire d’abonnement : ce que reçoivent les abonnés, et à quel rythme.',
      validation: (rule) => rule.max(280),
    }),
    defineField({
      name: 'public',
      title: 'Proposée sur le formulaire public',
      type: 'boolean',
      description:
        'Décochée, la liste n’est pas proposée aux visiteurs : elle ne sert qu’aux envois de l’équipe (liste de test, liste réservée aux adhérents…).',
      initialValue: true,
    }),
    defineField({
      name: 'forTests',
      title: 'Liste de test des lettres',
      type: 'boolean',
      description:
        'Cochée, ses abonnés confirmés reçoivent les « Envoyer un test » des lettres d’information, avec un bandeau de test. À réserver à l’équipe : ne la proposez pas sur le formulaire public.',
      initialValue: false,
      validation: (rule) =>
        rule.custom((forTests, context) =>
          forTests && (context.document as { public?: boolean } | undefined)?.public !== false
            ? 'Une liste de test ne doit pas être proposée sur le formulaire public.'
            : true,
        ),
    }),
    defineField({
      name: 'order',
      title: 'Ordre sur le formulaire',
      type: 'number',
      description: 'Les listes sont présentées de la plus petite valeur à la plus grande, puis par titre.',
      validation: (rule) => rule.integer().min(0),
    }),
  ],
  orderings: [
    {
      title: 'Ordre du formulaire',
      name: 'orderAsc',
      by: [
        { field: 'order', direction: 'asc' },
        { field: 'title', direction: 'asc' },
      ],
    },
  ],
  preview: {
    select: { title: 'title', id: 'slug.current', isPublic: 'public', forTests: 'forTests' },
    prepare: ({ title, id, isPublic, forTests }) => ({
      title,
      subtitle: [
        id,
        isPublic === false ? 'réservée à l’équipe' : 'formulaire public',
        forTests ? 'liste de test' : '',
      ]
        .filter(Boolean)
        .join(' · '),
    }),
  },
});
