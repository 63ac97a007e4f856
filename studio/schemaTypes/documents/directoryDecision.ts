import { BookIcon } from '@sanity/icons/Book';
import { defineField, defineType } from 'sanity';
import { decisionRecordFields } from './moderationDecision.ts';

/**
 * An editor's « Publier » or « Refuser » of a member's directory entry, published by the entry's
 * document action in the same transaction as the decision (as `moderationDecision` for events):
 * the editor's own permissions decide, and the backend learns of it through the signed content
 * webhook (`functions/directory/mailDirectoryDecisions.ts`), reads the entry back and tells the
 * member once. Never edited by hand: the structure does not list them.
 */
export const directoryDecision = defineType({
  name: 'directoryDecision',
  title: 'Décision sur une fiche de l’annuaire',
  type: 'document',
  icon: BookIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'entry',
      title: 'Fiche',
      type: 'reference',
      to: [{ type: 'directoryEntry' }],
      weak: true,
      validation: (rule) => rule.required(),
    }),
    ...decisionRecordFields,
  ],
  preview: {
    select: { title: 'entry.organization', decision: 'decision', decidedAt: 'decidedAt' },
    prepare: ({ title, decision, decidedAt }) => ({
      title: `${decision === 'refused' ? 'Refus' : 'Publication'} : ${title ?? 'fiche de l’annuaire'}`,
      subtitle: decidedAt,
    }),
  },
});
