import { DocumentPdfIcon } from '@sanity/icons/DocumentPdf';
import { defineField, defineType } from 'sanity';
import { frenchRegions } from '../../../functions/programme/vocabulary.ts';

/**
 * A request to make a campaign's printed programme now (national, or one region's), published by the campaign's
 * « Générer le programme papier » action: the editor's own permissions decide (publishing takes
 * the Editor role), the campaign is not touched, and the backend learns of it through the signed
 * content webhook (`functions/printedProgramme/acceptPrintRequests.ts`). Never edited by hand:
 * the structure does not list them.
 */
export const printedProgrammeRequest = defineType({
  name: 'printedProgrammeRequest',
  title: 'Demande de programme papier',
  type: 'document',
  icon: DocumentPdfIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'campaign',
      title: 'Campagne',
      type: 'reference',
      to: [{ type: 'campaign' }],
      weak: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'region',
      title: 'Région',
      description:
        'Code officiel (INSEE) de la région pour un programme régional ; vide : le programme national.',
      type: 'string',
      options: { list: frenchRegions.map(({ code, name }) => ({ value: code, title: `${code} — ${name}` })) },
    }),
    defineField({ name: 'requestedBy', title: 'Demandé par', type: 'string' }),
    defineField({ name: 'requestedAt', title: 'Demandé le', type: 'datetime' }),
  ],
  preview: {
    select: { title: 'campaign.title', requestedAt: 'requestedAt' },
    prepare: ({ title, requestedAt }) => ({
      title: `Programme papier : ${title ?? 'campagne'}`,
      subtitle: requestedAt,
    }),
  },
});
