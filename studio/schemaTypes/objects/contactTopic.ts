import { EnvelopeIcon } from '@sanity/icons/Envelope';
import { defineField, defineType } from 'sanity';

export const contactTopic = defineType({
  name: 'contactTopic',
  title: 'Sujet du formulaire de contact',
  type: 'object',
  icon: EnvelopeIcon,
  fields: [
    defineField({
      name: 'id',
      title: 'Identifiant',
      type: 'string',
      description: 'Court, sans espace ni accent (ex. « adhesion »). Ne le changez plus une fois publié.',
      validation: (rule) => rule.required().regex(/^[a-z0-9-]+$/, { name: 'identifiant' }),
    }),
    defineField({
      name: 'label',
      title: 'Libellé',
      type: 'string',
      validation: (rule) => rule.required().max(80),
    }),
    defineField({
      name: 'recipients',
      title: 'Destinataires',
      type: 'array',
      of: [{ type: 'string', validation: (rule) => rule.email() }],
      validation: (rule) => rule.required().min(1),
    }),
  ],
  preview: { select: { title: 'label', subtitle: 'id' } },
});
