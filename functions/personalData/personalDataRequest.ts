/**
 * A person's request about their own data (RGPD articles 15 and 17), made from the visitor
 * pages: « recevoir mes données » (`export`) or « effacer mes données » (`erase`). Nothing
 * happens before the owner of the address clicks the mailed link and confirms on the page.
 * Pure: no AWS SDK, no zod (the workers bundle this).
 */
export const requestKinds = ['export', 'erase'] as const;
export type RequestKind = (typeof requestKinds)[number];

/**
 * `requested` → (the owner's click) `confirmed` → (an erasure: the erasing worker) `erased` →
 * (the mailing worker) `done`. An export goes from `confirmed` to `done`.
 */
export type RequestStatus = 'requested' | 'confirmed' | 'erased' | 'done';

/** How long the confirmation link works: the same day, not a week (it erases, or mails data). */
export const confirmationHours = 24;
/** Kept a day past its link, so a late second click is told it was done rather than refused. */
const keptAfterLinkHours = 24;

/** The `REQUEST#<id>` item of the `PersonalDataRequests` table. */
export interface PersonalDataRequest {
  readonly pk: string;
  readonly id: string;
  readonly kind: RequestKind;
  /** Until the request is done; then removed with `addressKey` (the mail is gone, nothing else needs it). */
  readonly email?: string;
  readonly addressKey?: string;
  readonly status: RequestStatus;
  readonly requestedAt: string;
  readonly confirmUntil: string;
  readonly confirmedAt?: string;
  readonly erasedAt?: string;
  readonly doneAt?: string;
  /** Epoch seconds: DynamoDB deletes the item a day after its link lapsed (the code checks the lapse itself). */
  readonly expiresAt: number;
}

export const requestKey = (id: string): string => `REQUEST#${id}`;

const hours = (from: Date, count: number) => new Date(from.getTime() + count * 3_600_000);

export function newRequest(input: {
  readonly id: string;
  readonly kind: RequestKind;
  readonly email: string;
  readonly addressKey: string;
  readonly now: Date;
}): PersonalDataRequest {
  const confirmUntil = hours(input.now, confirmationHours);
  return {
    pk: requestKey(input.id),
    id: input.id,
    kind: input.kind,
    email: input.email,
    addressKey: input.addressKey,
    status: 'requested',
    requestedAt: input.now.toISOString(),
    confirmUntil: confirmUntil.toISOString(),
    expiresAt: Math.floor(hours(confirmUntil, keptAfterLinkHours).getTime() / 1000),
  };
}

/**
 * What the owner's click does: confirm a request still waiting for it; nothing more for one
 * already confirmed or done (a second click mails nothing); refuse a lapsed one.
 */
export type ConfirmationDecision = 'confirm' | 'alreadyConfirmed' | 'expired';

export function decideConfirmation(
  request: Pick<PersonalDataRequest, 'status' | 'confirmUntil'>,
  now: Date,
): ConfirmationDecision {
  if (request.status !== 'requested') return 'alreadyConfirmed';
  return new Date(request.confirmUntil).getTime() > now.getTime() ? 'confirm' : 'expired';
}
