import { CogIcon } from '@sanity/icons/Cog';
import { defineField, defineType } from 'sanity';

/** One per dataset: who we are, how to reach us, what the contact form offers and who answers. */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Réglages du site',
  type: 'document',
  icon: CogIcon,
  fields: [
    defineField({
      name: 'siteName',
      title: 'Nom du réseau',
      type: 'string',
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'description', title: 'Présentation courte', type: 'text', rows: 2 }),
    defineField({
      name: 'logo',
      title: 'Logo',
      description: 'En tête des e-mails, sur fond de la couleur principale : préférez un logo clair, en PNG.',
      type: 'image',
    }),
    defineField({
      name: 'brandColour',
      title: 'Couleur principale',
      description: 'Code hexadécimal, par exemple #1d4e89 : bandeau des e-mails et boutons.',
      type: 'string',
      validation: (rule) =>
        rule.regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, { name: 'couleur hexadécimale', invert: false }),
    }),
    defineField({
      name: 'email',
      title: 'E-mail de contact',
      type: 'string',
      validation: (rule) => rule.email(),
    }),
    defineField({ name: 'phone', title: 'Téléphone', type: 'string' }),
    defineField({
      name: 'postalAddress',
      title: 'Adresse postale',
      description: 'Affichée au pied de chaque e-mail.',
      type: 'text',
      rows: 3,
    }),
    defineField({
      name: 'socialLinks',
      title: 'Réseaux sociaux',
      type: 'array',
      of: [{ type: 'socialLink' }],
    }),
    defineField({
      name: 'contactTopics',
      title: 'Sujets du formulaire de contact',
      type: 'array',
      of: [{ type: 'contactTopic' }],
      validation: (rule) =>
        rule
          .required()
          .min(1)
          .custom((topics) => {
            const ids = (topics as { id?: string }[] | undefined)?.map((topic) => topic.id) ?? [];
            return new Set(ids).size === ids.length ? true : 'Deux sujets ont le même identifiant.';
          }),
    }),
    defineField({
      name: 'formChallenges',
      title: 'Protection anti-robot des formulaires',
      description:
        'Pour les formulaires cochés, le navigateur du visiteur résout un petit calcul (ALTCHA, hébergé par le réseau, sans traçage ni service tiers) avant l’envoi : quelques dixièmes de seconde pour une personne, un coût prohibitif pour un robot qui en envoie des milliers. Un formulaire envoyé sans JavaScript reste accepté, avec des limites plus strictes. À cocher en cas d’envois abusifs.',
      type: 'array',
      of: [{ type: 'string' }],
      options: {
        layout: 'grid',
        list: [
          { title: 'Contact', value: 'contact' },
          { title: 'Inscription à une manifestation', value: 'registration' },
          { title: 'Abonnement à la lettre', value: 'subscription' },
          { title: 'Demande sur ses données personnelles', value: 'personalData' },
          { title: 'Proposition de manifestation', value: 'submission' },
          { title: 'Annuaire des membres (fiche et message à un membre)', value: 'directory' },
          { title: 'Inscription à une rencontre d’affaires', value: 'meetings' },
        ],
      },
    }),
  ],
  preview: { prepare: () => ({ title: 'Réglages du site' }) },
});
