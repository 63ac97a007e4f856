import {
  consentBox,
  errorSummary,
  escapeHtml,
  type FormState,
  honeypot,
  nextField,
  textField,
} from '../shared/forms/formMarkup.ts';
import { type MessageKey, translate } from '../shared/messages.ts';

export const registrationFieldLabels = {
  name: 'Nom et prénom',
  email: 'Adresse e-mail',
  consent: 'Accord',
} as const;

/** The text the stored consent version (`REGISTRATION_CONSENT_VERSION`) stands for. */
export const registrationConsentText =
  'J’accepte que ces informations soient transmises à l’organisateur pour gérer mon inscription et m’informer des changements de cette manifestation.';

/** An event's registration as `GET /events/{slug}` gives it. */
export interface RegistrationAvailability {
  readonly open: boolean;
  readonly closedReason: string | null;
  readonly capacity: number | null;
  readonly placesLeft: number | null;
  readonly waitingList: boolean;
  /** The registrant confirms by the mailed link (a place is held meanwhile). */
  readonly confirmationRequired?: boolean;
}

/** “12 places restantes”, “Complet : liste d’attente”…; null when places are unlimited and open. */
export function availabilityText(registration: RegistrationAvailability): string | null {
  if (!registration.open) {
    return translate('fr', `registration.closed.${registration.closedReason ?? 'closed'}` as MessageKey);
  }
  if (registration.placesLeft === null) return null;
  if (registration.placesLeft > 0) {
    return registration.placesLeft === 1
      ? 'Il reste 1 place.'
      : `Il reste ${registration.placesLeft} places.`;
  }
  return registration.waitingList
    ? 'Complet : vous pouvez vous inscrire sur la liste d’attente ; un e-mail vous préviendra si une place se libère.'
    : translate('fr', 'registration.full');
}

export interface RegistrationFormOptions extends FormState {
  /** `POST /events/{slug}/registrations` of the API. */
  readonly action: string;
  readonly registration: RegistrationAvailability;
  readonly next?: string;
}

/** The registration form of one event, or why one cannot register (then no form at all). */
export function registrationFormHtml(options: RegistrationFormOptions): string {
  const availability = availabilityText(options.registration);
  const full = options.registration.placesLeft === 0;
  const status = availability
    ? `<p class="essaim-availability" id="${options.idPrefix}-places">${escapeHtml(availability)}</p>`
    : '';
  if (!options.registration.open || (full && !options.registration.waitingList)) {
    return `<div class="essaim-registration essaim-closed">${status}</div>`;
  }
  return `<div class="essaim-registration">${status}
<form class="essaim-form" method="post" action="${options.action}" novalidate data-essaim-form="registration">
${errorSummary(options, registrationFieldLabels)}${textField(options, { name: 'name', label: registrationFieldLabels.name, autocomplete: 'name', maxLength: 120 })}
${textField(options, { name: 'email', label: registrationFieldLabels.email, type: 'email', autocomplete: 'email', maxLength: 254, hint: options.registration.confirmationRequired ? 'Un e-mail vous y sera envoyé : cliquez sur son lien pour confirmer votre inscription.' : 'Votre confirmation et le lien pour gérer votre inscription y seront envoyés.' })}
${consentBox(options, registrationConsentText)}
${honeypot(options)}${nextField(options.next)}
<p class="essaim-actions"><button type="submit">${full ? 'M’inscrire sur la liste d’attente' : 'M’inscrire'}</button></p>
</form></div>`;
}
