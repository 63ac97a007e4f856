import {
  consentBox,
  errorSummary,
  type FormState,
  honeypot,
  nextField,
  selectField,
  textArea,
  textField,
} from '../shared/forms/formMarkup.ts';
import { limits } from './contactLimits.ts';

/** The contact form's fields and how the error summary names them. */
export const contactFieldLabels = {
  name: 'Votre nom',
  email: 'Votre adresse e-mail',
  topic: 'Sujet',
  message: 'Votre message',
  consent: 'Accord',
} as const;

/** The text the stored consent version (`CONTACT_CONSENT_VERSION`) stands for. */
export const contactConsentText =
  'J’accepte que ces informations soient utilisées pour traiter mon message et y répondre.';

export interface ContactFormOptions extends FormState {
  /** `POST /contact` of the API. */
  readonly action: string;
  readonly topics: readonly { readonly id: string; readonly label: string }[];
  /** Where to go once sent, without JavaScript (the hosted thank-you page otherwise). */
  readonly next?: string;
}

/** The contact form, ready to post as is (no JavaScript) or to enhance. */
export function contactFormHtml(options: ContactFormOptions): string {
  return `<form class="essaim-form" method="post" action="${options.action}" novalidate data-essaim-form="contact">
${errorSummary(options, contactFieldLabels)}${textField(options, { name: 'name', label: contactFieldLabels.name, autocomplete: 'name', maxLength: limits.name })}
${textField(options, { name: 'email', label: contactFieldLabels.email, type: 'email', autocomplete: 'email', maxLength: limits.email, hint: 'Nous vous répondrons à cette adresse.' })}
${selectField(options, { name: 'topic', label: contactFieldLabels.topic, placeholder: 'Choisissez un sujet', choices: options.topics.map((topic) => ({ value: topic.id, label: topic.label })) })}
${textArea(options, { name: 'message', label: contactFieldLabels.message, maxLength: limits.message, hint: `${limits.message} caractères au plus.` })}
${consentBox(options, contactConsentText)}
${honeypot(options)}${nextField(options.next)}
<p class="essaim-actions"><button type="submit">Envoyer le message</button></p>
</form>`;
}
