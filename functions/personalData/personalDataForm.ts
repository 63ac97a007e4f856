import {
  errorSummary,
  escapeHtml,
  type FormState,
  honeypot,
  nextField,
  textField,
} from '../shared/forms/formMarkup.ts';

/**
 * The form of « vos données personnelles »: an address and what to do with its data. Plain
 * HTML, posted as is without JavaScript or enhanced by `<essaim-personal-data>`. No zod here
 * (the web bundle imports it).
 */
export const personalDataFieldLabels = {
  email: 'Votre adresse e-mail',
  request: 'Votre demande',
} as const;

export const requestLabels = {
  export: {
    label: 'Recevoir mes données',
    hint: 'Tout ce que nous gardons sur cette adresse vous est envoyé par e-mail, en fichier JSON.',
  },
  erase: {
    label: 'Effacer mes données',
    hint: 'Abonnements, inscriptions et messages sont effacés ; une inscription à venir est annulée. Nous ne vous écrirons plus.',
  },
} as const;

export interface PersonalDataFormOptions extends FormState {
  /** `POST /personal-data/requests` of the API. */
  readonly action: string;
  readonly next?: string;
}

/** The choice between the two requests, as radio buttons in a fieldset its error describes. */
function requestChoice(state: FormState): string {
  const current = state.values?.request ?? '';
  const error = state.errors?.request;
  const errorId = `${state.idPrefix}-request-erreur`;
  const radios = (Object.keys(requestLabels) as (keyof typeof requestLabels)[])
    .map((value) => {
      const id = `${state.idPrefix}-request-${value}`;
      return `<div class="essaim-checkbox"><input id="${id}" name="request" type="radio" value="${value}" required${
        value === current ? ' checked' : ''
      } aria-describedby="${id}-aide"><label for="${id}">${escapeHtml(requestLabels[value].label)}</label><span class="essaim-hint" id="${id}-aide">${escapeHtml(requestLabels[value].hint)}</span></div>`;
    })
    .join('');
  // The fieldset's id is where the error summary's link leads.
  return `<fieldset class="essaim-fieldset" id="${state.idPrefix}-request"${error ? ` aria-describedby="${errorId}"` : ''}><legend>${personalDataFieldLabels.request}</legend>${
    error ? `<p class="essaim-error" id="${errorId}">${escapeHtml(error)}</p>` : ''
  }<div class="essaim-choices">${radios}</div></fieldset>`;
}

export function personalDataFormHtml(options: PersonalDataFormOptions): string {
  return `<form class="essaim-form" method="post" action="${options.action}" novalidate data-essaim-form="personal-data">
${errorSummary(options, personalDataFieldLabels)}${textField(options, { name: 'email', label: personalDataFieldLabels.email, type: 'email', autocomplete: 'email', maxLength: 254, hint: 'Un e-mail avec un lien de confirmation y sera envoyé : rien ne se passe avant votre clic.' })}
${requestChoice(options)}
${honeypot(options)}${nextField(options.next)}
<p class="essaim-actions"><button type="submit">Envoyer ma demande</button></p>
</form>`;
}
