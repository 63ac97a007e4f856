import { UsersIcon } from '@sanity/icons/Users';
import { defineField, defineType } from 'sanity';

/** Online registration: required to appear in the programme (seed 001); capacity and waiting list optional. */
export const registrationSettings = defineType({
  name: 'registrationSettings',
  title: 'Inscriptions',
  type: 'object',
  icon: UsersIcon,
  fields: [
    defineField({
      name: 'enabled',
      title: 'Inscription en ligne',
      type: 'boolean',
      initialValue: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'capacity',
      title: 'Nombre de places',
      type: 'number',
      description: 'Laisser vide pour un nombre de places illimité.',
      validation: (rule) => rule.integer().min(1).max(100_000),
    }),
    defineField({
      name: 'waitingList',
      title: 'Liste d’attente quand c’est complet',
      type: 'boolean',
      initialValue: true,
    }),
    defineField({
      name: 'confirmationRequired',
      title: 'Confirmation par e-mail',
      type: 'boolean',
      description:
        'La personne confirme son inscription en cliquant sur le lien reçu par e-mail ; sa place lui est réservée 30 minutes en attendant, puis proposée à d’autres. Protège les places des inscriptions faites au nom d’autrui ou par des robots. Sans choix de votre part : oui quand le nombre de places est limité, non sinon.',
    }),
    defineField({
      name: 'closesAt',
      title: 'Clôture des inscriptions',
      type: 'datetime',
      description: 'Par défaut, les inscriptions ferment au début de la manifestation.',
      options: { timeStep: 15 },
    }),
  ],
  preview: {
    select: {
      enabled: 'enabled',
      capacity: 'capacity',
      waitingList: 'waitingList',
      confirmationRequired: 'confirmationRequired',
    },
    prepare: ({ enabled, capacity, waitingList, confirmationRequired }) => ({
      title: enabled ? 'Inscription en ligne' : 'Sans inscription en ligne',
      subtitle: enabled
        ? [
            capacity ? `${capacity} places` : 'Places illimitées',
            waitingList ? 'liste d’attente' : null,
            (confirmationRequired ?? Boolean(capacity)) ? 'confirmation par e-mail' : null,
          ]
            .filter(Boolean)
            .join(' · ')
        : undefined,
    }),
  },
});
