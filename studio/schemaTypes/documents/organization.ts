import { CaseIcon } from '@sanity/icons/Case';
import { defineField, defineType } from 'sanity';
import { legalStatuses, titleOf } from '../../../functions/programme/vocabulary.ts';
import { isValidRna, isValidSiret } from '../../../functions/submissions/organizationIdentifiers.ts';

/** A structure that organises events: ESS status, local authority or teaching institution (seed 001). */
export const organization = defineType({
  name: 'organization',
  title: 'Structure',
  type: 'document',
  icon: CaseIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Nom',
      type: 'string',
      validation: (rule) => rule.required().max(140),
    }),
    defineField({
      name: 'legalStatus',
      title: 'Statut',
      type: 'string',
      options: { list: [...legalStatuses], layout: 'dropdown' },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'siret',
      title: 'SIRET',
      type: 'string',
      description: '14 chiffres ; vérifiez-le sur annuaire-entreprises.data.gouv.fr.',
      validation: (rule) =>
        rule.custom(
          (siret) => !siret || isValidSiret(siret) || 'Ce numéro SIRET n’est pas valide (clé de contrôle).',
        ),
    }),
    defineField({
      name: 'rna',
      title: 'Numéro RNA (associations)',
      type: 'string',
      validation: (rule) =>
        rule.custom((rna) => !rna || isValidRna(rna) || 'Un numéro RNA s’écrit W suivi de 9 chiffres.'),
    }),
    defineField({
      name: 'region',
      title: 'Région',
      type: 'reference',
      to: [{ type: 'region' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'website',
      title: 'Site web',
      type: 'url',
      validation: (rule) => rule.uri({ scheme: ['http', 'https'] }),
    }),
    defineField({
      name: 'email',
      title: 'E-mail de contact',
      type: 'string',
      description: 'Adresse de la structure (pas d’adresse personnelle) : elle reçoit la liste des inscrits.',
      validation: (rule) => rule.email(),
    }),
    defineField({
      name: 'description',
      title: 'Présentation',
      type: 'text',
      rows: 4,
      validation: (rule) => rule.max(1000),
    }),
  ],
  preview: {
    select: { title: 'name', status: 'legalStatus', region: 'region.name' },
    prepare: ({ title, status, region }) => ({
      title,
      subtitle: [status && titleOf(legalStatuses, status), region].filter(Boolean).join(' · '),
    }),
  },
});
