import {
  eventFormats,
  eventThemes,
  frenchRegions,
  legalStatuses,
} from '../../functions/programme/vocabulary.ts';
import {
  errorSummary,
  escapeHtml,
  type FormState,
  honeypot,
} from '../../functions/shared/forms/formMarkup.ts';
import { submissionConsentText } from '../../functions/submissions/submissionConsent.ts';
import { submissionFieldLabels } from '../../functions/submissions/submissionFieldLabels.ts';
import {
  attendanceModes,
  disabilityKinds,
  eligibleLegalStatuses,
  submissionLimits as limits,
  registrationModes,
} from '../../functions/submissions/submissionVocabulary.ts';
import { departmentNames } from './departmentNames.ts';
import { checkbox, choiceGroup, errorOf, fieldId, input, select, textArea } from './submissionFormFields.ts';

/**
 * The submission form of `<essaim-submission>`, as plain HTML in fieldsets: the organisation,
 * the contact, the event, its dates, its place, its accessibility and registration. Fields are
 * named as `POST /campaigns/{campaign}/submissions` takes them; the dates are rows the component
 * turns into `occurrences`, the commune a list of the postcode's communes (`GET /communes`).
 */

/** One date of the event as the organiser types it: a day and two times, on the place's clock. */
export interface OccurrenceRow {
  readonly day: string;
  readonly start: string;
  readonly end: string;
}

/** A commune as `GET /communes` answers it. */
export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly departmentCode: string;
  readonly regionCode: string;
}

export interface SubmissionFormState extends FormState {
  /** The API's `POST /campaigns/{campaign}/submissions` (a plain post's target). */
  readonly action: string;
  readonly occurrences: readonly OccurrenceRow[];
  /** The communes of the postcode typed, once fetched. */
  readonly communes: readonly Commune[];
  /** The campaign's days (`YYYY-MM-DD`), the bounds of the date fields. */
  readonly firstDay?: string;
  readonly lastDay?: string;
  readonly submitLabel: string;
}

/** How the error summary names each field: the API's own labels. */
export { submissionFieldLabels } from '../../functions/submissions/submissionFieldLabels.ts';

const regionName = (code: string) => frenchRegions.find((region) => region.code === code)?.name ?? code;

/** « Ille-et-Vilaine (35), région Bretagne »: what the commune chosen places the event in. */
export const communeSituation = (commune: Commune): string =>
  `Département : ${departmentNames[commune.departmentCode] ?? commune.departmentCode} (${commune.departmentCode}). Région : ${regionName(commune.regionCode)}.`;

/** Field names of the error summary and its links: the API's, plus one per date row. */
export function submissionSummaryLabels(rows: number): Record<string, string> {
  const labels: Record<string, string> = { ...submissionFieldLabels };
  for (let index = 0; index < rows; index++) labels[`occurrences-${index}`] = `Date ${index + 1}`;
  // The dates as a whole lead to the first date's day.
  labels.occurrences = submissionFieldLabels.occurrences;
  return labels;
}

function organizationFields(state: SubmissionFormState): string {
  const statuses = legalStatuses.filter((status) => eligibleLegalStatuses.includes(status.value));
  return `<fieldset class="essaim-fieldset essaim-section"><legend>Votre structure</legend>
${input(state, { name: 'organizationName', label: 'Nom de la structure', autocomplete: 'organization', maxLength: limits.organizationName })}
${select(state, {
  name: 'legalStatus',
  label: submissionFieldLabels.legalStatus,
  placeholder: 'Choisissez un statut',
  choices: statuses.map((status) => ({ value: status.value, label: status.title })),
  hint: 'Le programme accueille les structures de l’ESS, les collectivités et les établissements d’enseignement.',
})}
${input(state, { name: 'siret', label: submissionFieldLabels.siret, inputMode: 'numeric', maxLength: 30, required: false, hint: '14 chiffres. Une association sans SIRET donne son numéro RNA.' })}
${input(state, { name: 'rna', label: submissionFieldLabels.rna, maxLength: 20, required: false, hint: 'Associations seulement : W suivi de 9 chiffres.' })}
${textArea(state, { name: 'essLink', label: submissionFieldLabels.essLink, maxLength: limits.essLink, rows: 3, hint: `En quelques phrases, ce qui rattache votre structure et votre manifestation à l’économie sociale et solidaire (${limits.essLinkMin} caractères au moins).` })}
</fieldset>`;
}

const contactFields = (state: SubmissionFormState) =>
  `<fieldset class="essaim-fieldset essaim-section"><legend>La personne à contacter</legend>
<p class="essaim-hint">Ces coordonnées servent à l’équipe qui relit votre proposition ; elles ne sont pas publiées.</p>
${input(state, { name: 'contactName', label: submissionFieldLabels.contactName, autocomplete: 'name', maxLength: limits.contactName })}
${input(state, { name: 'email', label: submissionFieldLabels.email, type: 'email', autocomplete: 'email', maxLength: limits.email, hint: 'Un accusé de réception y sera envoyé, avec un lien pour revoir et modifier votre proposition.' })}
${input(state, { name: 'phone', label: submissionFieldLabels.phone, type: 'tel', autocomplete: 'tel', maxLength: limits.phone, required: false })}
</fieldset>`;

function eventFields(state: SubmissionFormState): string {
  return `<fieldset class="essaim-fieldset essaim-section"><legend>La manifestation</legend>
${input(state, { name: 'title', label: submissionFieldLabels.title, maxLength: limits.title, counter: true })}
${textArea(state, { name: 'summary', label: submissionFieldLabels.summary, maxLength: limits.summary, rows: 3, counter: true, hint: 'Deux ou trois phrases, reprises dans le programme papier.' })}
${textArea(state, { name: 'description', label: submissionFieldLabels.description, maxLength: limits.description, rows: 6, required: false, hint: 'Le déroulé, le public attendu, les intervenants : tout ce qui aide à venir.' })}
${select(state, {
  name: 'format',
  label: submissionFieldLabels.format,
  placeholder: 'Choisissez un format',
  choices: eventFormats.map((format) => ({ value: format.value, label: format.title })),
})}
${choiceGroup(state, {
  name: 'themes',
  legend: submissionFieldLabels.themes,
  type: 'checkbox',
  hint: `De 1 à ${limits.themes} thèmes.`,
  choices: eventThemes.map((theme) => ({ value: theme.value, label: theme.title })),
})}
${input(state, { name: 'imageUrl', label: 'Lien vers une image', type: 'url', inputMode: 'url', maxLength: limits.url, required: false, hint: 'Une adresse en https:// ; vous devez avoir le droit de la diffuser.' })}
</fieldset>`;
}

function occurrenceRow(state: SubmissionFormState, row: OccurrenceRow, index: number, count: number): string {
  const key = `occurrences-${index}`;
  const dayId = fieldId(state, key);
  const error = state.errors?.[key];
  const invalid = error ? ` aria-invalid="true" aria-describedby="${dayId}-erreur"` : '';
  const bounds = `${state.firstDay ? ` min="${state.firstDay}"` : ''}${state.lastDay ? ` max="${state.lastDay}"` : ''}`;
  const time = (part: 'start' | 'end', suffix: string, label: string) =>
    `<div class="essaim-field"><label for="${dayId}-${suffix}">${label}</label><input id="${dayId}-${suffix}" type="time" data-part="${part}" required value="${escapeHtml(row[part])}"${invalid}></div>`;
  return `<fieldset class="essaim-fieldset essaim-occurrence" data-occurrence="${index}"><legend>Date ${index + 1}</legend>
${errorOf(state, key)}<div class="essaim-occurrence-fields">
<div class="essaim-field"><label for="${dayId}">Jour</label><input id="${dayId}" type="date" data-part="day" required${bounds} value="${escapeHtml(row.day)}"${invalid}></div>
${time('start', 'debut', 'Début')}
${time('end', 'fin', 'Fin')}
</div>${
    count > 1
      ? `<p class="essaim-actions"><button type="button" class="essaim-secondary" data-remove-occurrence="${index}">Retirer la date ${index + 1}</button></p>`
      : ''
  }</fieldset>`;
}

function datesFields(state: SubmissionFormState): string {
  const rows = state.occurrences.length > 0 ? state.occurrences : [{ day: '', start: '', end: '' }];
  const hint =
    state.firstDay && state.lastDay
      ? `Entre le ${state.firstDay.split('-').reverse().join('/')} et le ${state.lastDay.split('-').reverse().join('/')}, à l’heure du lieu. Une manifestation répétée : une date par séance.`
      : 'À l’heure du lieu. Une manifestation répétée : une date par séance.';
  return `<fieldset class="essaim-fieldset essaim-section" id="${fieldId(state, 'occurrences')}" tabindex="-1" aria-describedby="${fieldId(state, 'occurrences')}-aide"><legend>Dates et horaires</legend>
<p class="essaim-hint" id="${fieldId(state, 'occurrences')}-aide">${escapeHtml(hint)}</p>
${errorOf(state, 'occurrences')}${rows.map((row, index) => occurrenceRow(state, row, index, rows.length)).join('\n')}
${rows.length < limits.occurrences ? '<p class="essaim-actions"><button type="button" class="essaim-secondary" data-add-occurrence>Ajouter une date</button></p>' : ''}
</fieldset>`;
}

function placeFields(state: SubmissionFormState): string {
  const chosen = state.communes.find((commune) => commune.code === state.values?.communeCode);
  const communeChoices = state.communes.map((commune) => ({ value: commune.code, label: commune.name }));
  return `${choiceGroup(state, {
    name: 'attendanceMode',
    legend: submissionFieldLabels.attendanceMode,
    type: 'radio',
    choices: attendanceModes.map((mode) => ({ value: mode.value, label: mode.title })),
  })}
<fieldset class="essaim-fieldset essaim-section" data-shown-when="attendanceMode=onsite,mixed"><legend>Le lieu</legend>
${input(state, { name: 'placeName', label: submissionFieldLabels.placeName, maxLength: limits.placeName, hint: 'Par exemple : Maison des associations, salle du conseil.' })}
${input(state, { name: 'address', label: 'Adresse (numéro et rue)', autocomplete: 'street-address', maxLength: limits.address })}
${input(state, { name: 'postalCode', label: submissionFieldLabels.postalCode, inputMode: 'numeric', autocomplete: 'postal-code', maxLength: 5, hint: 'La liste des communes de ce code postal s’affiche ensuite.' })}
${select(state, {
  name: 'communeCode',
  label: submissionFieldLabels.communeCode,
  placeholder: state.communes.length > 0 ? 'Choisissez la commune' : 'Saisissez d’abord le code postal',
  choices: communeChoices,
})}
<p class="essaim-hint" id="${fieldId(state, 'situation')}" role="status">${chosen ? escapeHtml(communeSituation(chosen)) : ''}</p>
</fieldset>
<div data-shown-when="attendanceMode=online">${select(state, {
    name: 'regionCode',
    label: 'Région',
    placeholder: 'Choisissez une région',
    choices: frenchRegions.map((region) => ({ value: region.code, label: region.name })),
    hint: 'La région dont la CRESS relaiera votre manifestation en ligne.',
  })}</div>
<div data-shown-when="attendanceMode=online,mixed">${input(state, {
    name: 'onlineUrl',
    label: submissionFieldLabels.onlineUrl,
    type: 'url',
    inputMode: 'url',
    maxLength: limits.url,
    required: false,
    hint: 'Une adresse en https:// ; vous pourrez aussi l’envoyer plus tard aux personnes inscrites.',
  })}</div>`;
}

function audienceFields(state: SubmissionFormState): string {
  return `<fieldset class="essaim-fieldset essaim-section"><legend>Public et accessibilité</legend>
${checkbox(state, { name: 'openToAll', label: 'Ouverte à tout public', hint: 'Seules les manifestations ouvertes à tout public figurent dans le programme papier.' })}
${choiceGroup(state, {
  name: 'accessibility',
  legend: 'Accessible aux personnes en situation de handicap',
  type: 'checkbox',
  hint: 'Cochez les situations que le lieu et le déroulé permettent d’accueillir.',
  choices: disabilityKinds.map((kind) => ({ value: kind.value, label: kind.title })),
})}
</fieldset>`;
}

function registrationFields(state: SubmissionFormState): string {
  return `<fieldset class="essaim-fieldset essaim-section"><legend>Inscriptions</legend>
${choiceGroup(state, {
  name: 'registration',
  legend: 'Comment s’inscrire',
  type: 'radio',
  hint: 'L’inscription en ligne est nécessaire pour figurer au programme.',
  choices: registrationModes.map((mode) => ({ value: mode.value, label: mode.title })),
})}
<div data-shown-when="registration=essaim">${input(state, { name: 'capacity', label: submissionFieldLabels.capacity, inputMode: 'numeric', maxLength: 6, hint: 'Au-delà, les personnes sont inscrites sur liste d’attente.' })}</div>
<div data-shown-when="registration=external">${input(state, { name: 'registrationUrl', label: submissionFieldLabels.registrationUrl, type: 'url', inputMode: 'url', maxLength: limits.url, hint: 'Une adresse en https://.' })}</div>
</fieldset>`;
}

/** The whole form, ready to post as is or to enhance (the component handles dates and communes). */
export function submissionFormHtml(state: SubmissionFormState): string {
  return `<form class="essaim-form essaim-submission-form" method="post" action="${escapeHtml(state.action)}" novalidate data-essaim-form="submission">
${errorSummary(state, submissionSummaryLabels(state.occurrences.length))}<p class="essaim-hint">Tous les champs sont obligatoires, sauf ceux marqués « facultatif ».</p>
${organizationFields(state)}
${contactFields(state)}
${eventFields(state)}
${datesFields(state)}
${placeFields(state)}
${audienceFields(state)}
${registrationFields(state)}
${checkbox(state, { name: 'consent', label: submissionConsentText })}
${honeypot(state)}
<p class="essaim-actions"><button type="submit">${escapeHtml(state.submitLabel)}</button></p>
</form>`;
}
