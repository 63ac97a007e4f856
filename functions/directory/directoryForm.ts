import { frenchRegions } from '../programme/vocabulary.ts';
import {
  consentBox,
  errorSummary,
  escapeHtml,
  type FormState,
  honeypot,
  selectField,
  textArea,
  textField,
} from '../shared/forms/formMarkup.ts';
import {
  directoryConsentText,
  directoryContactConsentText,
  directorySectors,
  essFamilies,
  exchangeKinds,
  directoryLimits as limits,
  publicFieldLabels,
  publicFieldNames,
} from './directoryVocabulary.ts';

/**
 * The directory's forms as plain HTML (`<essaim-directory-join>` and the member's page render
 * them; pure, no DOM): the entry, with a box « Rendre public » per public field, and the message
 * to a member. Repeated fields (`sectors`, `families`, `offers`, `needs`, `publicFields`, and
 * `links`, one a line) are sent as arrays.
 */

export const directoryFieldLabels = {
  name: 'Votre nom',
  email: 'Votre adresse e-mail',
  role: 'Votre fonction',
  organization: 'Votre structure',
  region: 'Région',
  sectors: 'Secteurs d’activité',
  families: 'Famille de l’ESS',
  offers: 'Ce que vous proposez',
  offerDetails: 'Ce que vous proposez, en quelques mots',
  needs: 'Ce que vous recherchez',
  needDetails: 'Ce que vous recherchez, en quelques mots',
  publicEmail: 'Adresse e-mail publique',
  links: 'Liens',
  publicFields: 'Ce qui paraît dans l’annuaire',
  consent: 'Accord',
} as const;
export const directoryArrayFields = [
  'sectors',
  'families',
  'offers',
  'needs',
  'publicFields',
  'links',
] as const;

const chosen = (state: FormState, name: string): Set<string> =>
  new Set((state.values?.[name] ?? '').split('\n').filter(Boolean));

/** A group of checkboxes in a fieldset whose legend names it; its error describes the group. */
function checkboxGroup(
  state: FormState,
  name: keyof typeof directoryFieldLabels,
  choices: readonly { value: string; title: string }[],
  hint?: string,
): string {
  const ticked = chosen(state, name);
  const error = state.errors?.[name];
  const errorId = `${state.idPrefix}-${name}-erreur`;
  const boxes = choices
    .map((choice, index) => {
      const id = `${state.idPrefix}-${name}-${index}`;
      return `<div class="essaim-checkbox"><input id="${id}" name="${name}" type="checkbox" value="${escapeHtml(choice.value)}"${
        ticked.has(choice.value) ? ' checked' : ''
      }><label for="${id}">${escapeHtml(choice.title)}</label></div>`;
    })
    .join('');
  return `<fieldset class="essaim-fieldset" id="${state.idPrefix}-${name}"${error ? ` aria-describedby="${errorId}"` : ''}><legend>${escapeHtml(
    directoryFieldLabels[name],
  )}</legend>${hint ? `<p class="essaim-hint">${escapeHtml(hint)}</p>` : ''}${
    error ? `<p class="essaim-error" id="${errorId}">${escapeHtml(error)}</p>` : ''
  }<div class="essaim-choices">${boxes}</div></fieldset>`;
}

/** An optional text area (`textArea` of the form markup is for required ones). */
function optionalTextArea(state: FormState, name: keyof typeof directoryFieldLabels, hint: string): string {
  const id = `${state.idPrefix}-${name}`;
  const error = state.errors?.[name];
  const described = [`${id}-aide`, error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return `<div class="essaim-field">
<label for="${id}">${escapeHtml(directoryFieldLabels[name])} <span class="essaim-optional">(facultatif)</span></label>
<p class="essaim-hint" id="${id}-aide">${escapeHtml(hint)}</p>${
    error ? `<p class="essaim-error" id="${id}-erreur">${escapeHtml(error)}</p>` : ''
  }<textarea id="${id}" name="${name}" rows="3" aria-describedby="${described}"${error ? ' aria-invalid="true"' : ''}>${escapeHtml(
    state.values?.[name] ?? '',
  )}</textarea>
</div>`;
}

/** The entry's form: a new entry (with the address to confirm it), or the member's edit (`edit`). */
export function directoryEntryFormHtml(state: FormState, options: { readonly edit?: boolean } = {}): string {
  const optional = { required: false } as const;
  return `<form class="essaim-form" novalidate data-essaim-form="directory">
${errorSummary(state, directoryFieldLabels)}<fieldset class="essaim-fieldset"><legend>Vous</legend>
${textField(state, { name: 'name', label: directoryFieldLabels.name, autocomplete: 'name', maxLength: limits.name })}
${options.edit ? '' : textField(state, { name: 'email', label: directoryFieldLabels.email, type: 'email', autocomplete: 'email', maxLength: limits.email, hint: 'Jamais publiée : elle sert à confirmer votre fiche, à la gérer et à recevoir les messages de l’annuaire.' })}
${textField(state, { name: 'role', label: directoryFieldLabels.role, autocomplete: 'organization-title', maxLength: limits.role, ...optional })}
</fieldset><fieldset class="essaim-fieldset"><legend>Votre structure</legend>
${textField(state, { name: 'organization', label: directoryFieldLabels.organization, autocomplete: 'organization', maxLength: limits.organization })}
${selectField(state, { name: 'region', label: directoryFieldLabels.region, placeholder: 'Choisissez une région', choices: frenchRegions.map((region) => ({ value: region.code, label: region.name })) })}
${checkboxGroup(state, 'sectors', directorySectors, 'Un à trois.')}
${checkboxGroup(state, 'families', essFamilies, 'Une ou deux.')}
</fieldset>
${checkboxGroup(state, 'offers', exchangeKinds, 'Ce que vous proposez, ce que vous recherchez, ou les deux.')}
${optionalTextArea(state, 'offerDetails', `${limits.details} caractères au plus.`)}
${checkboxGroup(state, 'needs', exchangeKinds)}
${optionalTextArea(state, 'needDetails', `${limits.details} caractères au plus.`)}
<fieldset class="essaim-fieldset"><legend>Vous joindre</legend>
${textField(state, { name: 'publicEmail', label: directoryFieldLabels.publicEmail, type: 'email', maxLength: limits.email, hint: 'Montrée fiche par fiche, jamais dans une liste. Sans elle, les visiteurs vous écrivent par un formulaire, sans voir votre adresse.', ...optional })}
${optionalTextArea(state, 'links', `Trois liens au plus, un par ligne, commençant par https://.`)}
</fieldset>
${checkboxGroup(
  state,
  'publicFields',
  publicFieldNames.map((field) => ({ value: field, title: publicFieldLabels[field] })),
  'Cochez chaque information que vous acceptez de rendre publique une fois la fiche validée par l’équipe. Nom, structure, région, secteurs et famille paraissent sur toute fiche.',
)}
${consentBox(state, directoryConsentText)}
${options.edit ? '' : honeypot(state)}
<p class="essaim-actions"><button type="submit">${options.edit ? 'Enregistrer les modifications' : 'Demander ma fiche'}</button></p>
</form>`;
}

export const directoryContactFieldLabels = {
  name: 'Votre nom',
  email: 'Votre adresse e-mail',
  message: 'Votre message',
  consent: 'Accord',
} as const;

/** The message to a member: who writes, their address to answer to, the message. */
export function directoryContactFormHtml(state: FormState): string {
  return `<form class="essaim-form" novalidate data-essaim-form="directory-contact">
${errorSummary(state, directoryContactFieldLabels)}${textField(state, { name: 'name', label: directoryContactFieldLabels.name, autocomplete: 'name', maxLength: limits.contactName })}
${textField(state, { name: 'email', label: directoryContactFieldLabels.email, type: 'email', autocomplete: 'email', maxLength: limits.email, hint: 'Le membre reçoit votre message avec cette adresse pour vous répondre ; son adresse reste cachée.' })}
${textArea(state, { name: 'message', label: directoryContactFieldLabels.message, maxLength: limits.contactMessage, rows: 5, hint: `${limits.contactMessageMin} à ${limits.contactMessage} caractères.` })}
${consentBox(state, directoryContactConsentText)}
${honeypot(state)}
<p class="essaim-actions"><button type="submit">Envoyer le message</button></p>
</form>`;
}
