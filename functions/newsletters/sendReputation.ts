import type { StoredFact } from '../mailFeedback/mailFeedbackStore.ts';

/** The send's reputation counters (on its `STATE`), as SES's events move them. */
export interface ReputationCounts {
  readonly delivered?: number;
  readonly bounced?: number;
  readonly complained?: number;
}

/** Bounces that say the content, not the address, was refused count against nobody's address, nor here. */
const contentRefusals = new Set(['ContentRejected', 'AttachmentRejected']);

/** Which counter one SES event moves: deliveries, permanent bounces, complaints; none for the rest. */
export function reputationDelta(fact: Pick<StoredFact, 'eventType' | 'bounceType' | 'bounceSubType'>) {
  if (fact.eventType === 'Delivery') return 'delivered' as const;
  if (fact.eventType === 'Complaint') return 'complained' as const;
  if (
    fact.eventType === 'Bounce' &&
    fact.bounceType === 'Permanent' &&
    !contentRefusals.has(fact.bounceSubType ?? '')
  )
    return 'bounced' as const;
  return undefined;
}

export interface PauseThresholds {
  readonly bounceRate: number;
  readonly complaintRate: number;
  /** Rates are watched over the first `window` outcomes (deliveries and bounces). */
  readonly window: number;
  /** …once there are at least this many: one early bounce is not a rate. */
  readonly minimum: number;
}

const percent = (rate: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 }).format(rate);

/** Why a send must pause now (in French, for editors), or undefined while its rates are fine. */
export function pauseReasonFor(counts: ReputationCounts, thresholds: PauseThresholds): string | undefined {
  const delivered = counts.delivered ?? 0;
  const bounced = counts.bounced ?? 0;
  const complained = counts.complained ?? 0;
  const outcomes = delivered + bounced;
  if (outcomes < thresholds.minimum || outcomes > thresholds.window) return undefined;
  const bounceRate = bounced / outcomes;
  const complaintRate = complained / outcomes;
  if (bounceRate > thresholds.bounceRate)
    return `Suspendu automatiquement : ${percent(bounceRate)} d’adresses rejetées (rebonds) sur les ${outcomes} premiers envois, au-delà du seuil de ${percent(thresholds.bounceRate)}. Vérifiez la liste avant de reprendre.`;
  if (complaintRate > thresholds.complaintRate)
    return `Suspendu automatiquement : ${percent(complaintRate)} de plaintes pour spam sur les ${outcomes} premiers envois, au-delà du seuil de ${percent(thresholds.complaintRate)}. Vérifiez le public et le contenu avant de reprendre.`;
  return undefined;
}
