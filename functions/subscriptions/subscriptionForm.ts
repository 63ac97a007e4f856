import { eventThemes, frenchRegions } from '../programme/vocabulary.ts';
import {
  consentBox,
  errorSummary,
  escapeHtml,
  type FormState,
  honeypot,
  nextField,
  textField,
} from '../shared/forms/formMarkup.ts';

export const subscriptionFieldLabels = {
  email: 'Votre adresse e-mail',
  name: 'Votre nom',
  lists: 'Listes',
  regions: 'Régions',
  themes: 'Thèmes',
  digest: 'Récapitulatif',
  consent: 'Accord',
} as const;

/** The text the stored consent version (`SUBSCRIPTION_CONSENT_VERSION`) stands for. */
export const subscriptionConsentText =
  'J’accepte de recevoir les lettres choisies à cette adresse. Je pourrai me désabonner à tout moment, en un clic, depuis chaque lettre.';

export const digestLabels = {
  weekly: 'Chaque semaine',
  monthly: 'Chaque mois',
  none: 'Jamais',
} as const;

export interface ListChoice {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
}

/** Ticked values of a repeated field, as the form state keeps them (one per line). */
const chosen = (state: FormState, name: string): string[] =>
  (state.values?.[name] ?? '').split('\n').filter(Boolean);

/** A group of checkboxes in a fieldset whose legend names it; its error describes the group. */
function checkboxGroup(
  state: FormState,
  name: string,
  legend: string,
  choices: readonly { value: string; label: string; hint?: string | null }[],
  options: { hint?: string; collapsed?: boolean } = {},
): string {
  const ticked = new Set(chosen(state, name));
  const error = state.errors?.[name];
  const errorId = `${state.idPrefix}-${name}-erreur`;
  const boxes = choices
    .map((choice, index) => {
      const id = `${state.idPrefix}-${name}-${index}`;
      const hint = choice.hint
        ? `<span class="essaim-hint" id="${id}-aide">${escapeHtml(choice.hint)}</span>`
        : '';
      return `<div class="essaim-checkbox"><input id="${id}" name="${name}" type="checkbox" value="${escapeHtml(choice.value)}"${
        ticked.has(choice.value) ? ' checked' : ''
      }${choice.hint ? ` aria-describedby="${id}-aide"` : ''}><label for="${id}">${escapeHtml(choice.label)}</label>${hint}</div>`;
    })
    .join('');
  const body = `${options.hint ? `<p class="essaim-hint">${escapeHtml(options.hint)}</p>` : ''}${
    error ? `<p class="essaim-error" id="${errorId}">${escapeHtml(error)}</p>` : ''
  }<div class="essaim-choices">${boxes}</div>`;
  // The fieldset's id is where the error summary's link leads.
  const fieldset = `<fieldset class="essaim-fieldset" id="${state.idPrefix}-${name}"${
    error ? ` aria-describedby="${errorId}"` : ''
  }><legend>${escapeHtml(legend)}</legend>${body}</fieldset>`;
  return options.collapsed && !error && ticked.size === 0
    ? `<details class="essaim-details"><summary>${escapeHtml(legend)} (facultatif)</summary>${fieldset}</details>`
    : fieldset;
}

/** Digest: weekly, monthly or never, as radio buttons. */
function digestChoice(state: FormState): string {
  const current = state.values?.digest || 'none';
  const radios = (Object.keys(digestLabels) as (keyof typeof digestLabels)[])
    .map((value) => {
      const id = `${state.idPrefix}-digest-${value}`;
      return `<div class="essaim-checkbox"><input id="${id}" name="digest" type="radio" value="${value}"${
        value === current ? ' checked' : ''
      }><label for="${id}">${digestLabels[value]}</label></div>`;
    })
    .join('');
  return `<fieldset class="essaim-fieldset" id="${state.idPrefix}-digest"><legend>Recevoir aussi un récapitulatif des manifestations de vos régions et thèmes</legend><div class="essaim-choices">${radios}</div></fieldset>`;
}

/** The choices of lists, regions, themes and digest (the subscription form and the preference page). */
export function preferencesFieldsHtml(state: FormState, lists: readonly ListChoice[]): string {
  return `${checkboxGroup(
    state,
    'lists',
    'Les lettres que vous souhaitez recevoir',
    lists.map((list) => ({ value: list.id, label: list.title, hint: list.description })),
  )}
${checkboxGroup(
  state,
  'regions',
  'Vos régions',
  frenchRegions.map((region) => ({ value: region.code, label: region.name })),
  {
    hint: 'Pour le récapitulatif et les manifestations près de chez vous. Aucune : toutes.',
    collapsed: true,
  },
)}
${checkboxGroup(
  state,
  'themes',
  'Vos thèmes',
  eventThemes.map((theme) => ({ value: theme.value, label: theme.title })),
  { hint: 'Aucun : tous.', collapsed: true },
)}
${digestChoice(state)}`;
}

export interface SubscriptionFormOptions extends FormState {
  /** `POST /subscriptions` of the API. */
  readonly action: string;
  readonly lists: readonly ListChoice[];
  readonly next?: string;
}

/** The subscription form, ready to post as is (no JavaScript) or to enhance. */
export function subscriptionFormHtml(options: SubscriptionFormOptions): string {
  return `<form class="essaim-form" method="post" action="${options.action}" novalidate data-essaim-form="subscription">
${errorSummary(options, subscriptionFieldLabels)}${textField(options, { name: 'email', label: subscriptionFieldLabels.email, type: 'email', autocomplete: 'email', maxLength: 254, hint: 'Un e-mail de confirmation y sera envoyé : rien d’autre avant votre clic.' })}
${textField(options, { name: 'name', label: subscriptionFieldLabels.name, autocomplete: 'name', maxLength: 120, required: false })}
${preferencesFieldsHtml(options, options.lists)}
${consentBox(options, subscriptionConsentText)}
${honeypot(options)}${nextField(options.next)}
<p class="essaim-actions"><button type="submit">M’abonner</button></p>
</form>`;
}
