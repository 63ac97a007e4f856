import { defineMessages } from '../shared/messages.ts';

/** The programme's own answers (`defineMessages`: only the functions that import them carry them). */
const fr = {
  'programme.campaignNotFound.detail': 'Aucune campagne ne correspond à « {campaign} ».',
};
type ProgrammeMessageKey = keyof typeof fr;

declare module '../shared/messages.ts' {
  interface FeatureMessages extends Record<ProgrammeMessageKey, true> {}
}

defineMessages<ProgrammeMessageKey>({
  fr,
  en: { 'programme.campaignNotFound.detail': 'No campaign matches "{campaign}".' },
});
