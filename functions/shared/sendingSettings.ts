// Setting types without zod, as `settings.ts`: every function reads its settings.
import { numberType, type SettingType, settingType } from './settingTypes.ts';

/**
 * The settings of bulk sending (newsletters, digests): the account's pace and the automatic
 * pause. Declared like every other setting and spread into `settingDeclarations`; importing
 * nothing from `settings.ts`, so there is no cycle.
 */
interface Declaration<T> {
  readonly variable: string;
  readonly description: string;
  readonly schema: SettingType<T>;
  readonly fallback: string;
  readonly local?: string;
  readonly context?: string;
}
const declare = <T>(declaration: Declaration<T>) => declaration;
const share = numberType({ min: 0, max: 1 });
const count = numberType({ integer: true, min: 1, max: 1_000_000 });
/** Empty: none (SES's own figure); else mails per second. */
const optionalRate = settingType((text): number | null | undefined => {
  if (text.trim() === '') return null;
  const rate = Number(text);
  return Number.isFinite(rate) && rate > 0 && rate <= 1_000_000 ? rate : undefined;
});

export const sendingSettingDeclarations = {
  sesSendRate: declare({
    variable: 'SES_SEND_RATE',
    description:
      'Mails per second SES accepts from the account; empty: SES’s own figure (`GetAccount`, `MaxSendRate`, read every 5 minutes). Set locally, where the emulator has none',
    schema: optionalRate,
    fallback: '',
    local: '50',
  }),
  sesMax24HourSend: declare({
    variable: 'SES_MAX_24_HOUR_SEND',
    description:
      'Mails SES accepts from the account in any 24 hours; empty: SES’s own figure (`GetAccount`, `Max24HourSend`, read every 5 minutes). Set locally, where the emulator has none',
    schema: optionalRate,
    fallback: '',
    local: '50000',
  }),
  transactionalShare: declare({
    variable: 'SES_TRANSACTIONAL_SHARE',
    description:
      'Share of the send rate and of the 24-hour quota that newsletters and digests leave to transactional mail (registrations, contact): 0.2 keeps a fifth',
    schema: share,
    fallback: '0.2',
  }),
  newsletterPauseBounceRate: declare({
    variable: 'NEWSLETTER_PAUSE_BOUNCE_RATE',
    description: 'A send pauses itself when its bounces pass this share of its first deliveries (0.05: 5 %)',
    schema: share,
    fallback: '0.05',
  }),
  newsletterPauseComplaintRate: declare({
    variable: 'NEWSLETTER_PAUSE_COMPLAINT_RATE',
    description:
      'A send pauses itself when its complaints pass this share of its first deliveries (0.001: 0.1 %)',
    schema: share,
    fallback: '0.001',
  }),
  newsletterPauseWindow: declare({
    variable: 'NEWSLETTER_PAUSE_WINDOW',
    description: 'The first deliveries of a send over which bounce and complaint rates are watched',
    schema: count,
    fallback: '1000',
  }),
  newsletterPauseMinimum: declare({
    variable: 'NEWSLETTER_PAUSE_MINIMUM',
    description: 'Outcomes a send needs before its rates can pause it (one early bounce is not a rate)',
    schema: count,
    fallback: '100',
  }),
} as const;
