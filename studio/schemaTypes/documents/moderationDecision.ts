import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle';
import { defineField, defineType } from 'sanity';

/** What a decision request records besides its subject: the decision, the reason of a refusal, who, when. */
export const decisionRecordFields = [
  defineField({
    name: 'decision',
    title: 'Décision',
    type: 'string',
    options: {
      list: [
        { value: 'published', title: 'Publiée' },
        { value: 'refused', title: 'Refusée' },
      ],
    },
    validation: (rule) => rule.required(),
  }),
  defineField({ name: 'reason', title: 'Motif du refus', type: 'text', rows: 3 }),
  defineField({ name: 'decidedBy', title: 'Décidé par', type: 'string' }),
  defineField({ name: 'decidedAt', title: 'Décidé le', type: 'datetime' }),
];

/**
 * A moderator's « Publier » or « Refuser » of a submitted event, published by the event's
 * document action in the same transaction as the decision: the editor's own permissions decide
 * (publishing takes the Editor role), and the backend learns of it through the signed content
 * webhook (`functions/submissions/mailModerationDecisions.ts`), reads the event back and tells
 * the organiser once. Never edited by hand: the structure does not list them.
 */
export const moderationDecision = defineType({
  name: 'moderationDecision',
  title: 'Décision de modération',
  type: 'document',
  icon: CheckmarkCircleIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'event',
      title: 'Manifestation',
      type: 'reference',
      to: [{ type: 'event' }],
      weak: true,
      validation: (rule) => rule.required(),
    }),
    ...decisionRecordFields,
  ],
  preview: {
    select: { title: 'event.title', decision: 'decision', decidedAt: 'decidedAt' },
    prepare: ({ title, decision, decidedAt }) => ({
      title: `${decision === 'refused' ? 'Refus' : 'Publication'} : ${title ?? 'manifestation'}`,
      subtitle: decidedAt,
    }),
  },
});
