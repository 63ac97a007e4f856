import { escape as escapeText } from 'html-escaper';

/**
 * The markup of Essaim's public forms, as plain HTML strings: the web components render it in
 * the host page's light DOM (so its labels, autofill and styles work) and the API renders the
 * same form with the errors when a visitor without JavaScript posts it. Pure: no DOM, no AWS.
 * Errors follow RGAA: a summary at the top whose links lead to the fields, each invalid field
 * `aria-invalid` and described by its message.
 */
export const escapeHtml = (text: string): string => escapeText(text);

/** A field's message, by field name (`email`, `consent`…); `''` for a form-wide message. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface FormState {
  /** Prefixes every id, so two forms on one page never share one. */
  readonly idPrefix: string;
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: FieldErrors;
  /** Level of the error summary's heading, to fit the host page's outline (2 by default). */
  readonly headingLevel?: number;
}

const fieldId = (state: FormState, name: string) => `${state.idPrefix}-${name}`;
const errorId = (state: FormState, name: string) => `${state.idPrefix}-${name}-erreur`;
const typedValue = (state: FormState, name: string) => state.values?.[name] ?? '';

/** `aria-*` of a field: its hint and its error describe it. */
function describedBy(state: FormState, name: string, hint: boolean): string {
  const ids = [hint ? `${fieldId(state, name)}-aide` : '', state.errors?.[name] ? errorId(state, name) : '']
    .filter(Boolean)
    .join(' ');
  return `${ids ? ` aria-describedby="${ids}"` : ''}${state.errors?.[name] ? ' aria-invalid="true"' : ''}`;
}

const fieldError = (state: FormState, name: string) =>
  state.errors?.[name]
    ? `<p class="essaim-error" id="${errorId(state, name)}">${escapeHtml(state.errors[name])}</p>`
    : '';

const hintOf = (state: FormState, name: string, hint?: string) =>
  hint ? `<p class="essaim-hint" id="${fieldId(state, name)}-aide">${escapeHtml(hint)}</p>` : '';

export interface TextFieldOptions {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'email';
  readonly autocomplete?: string;
  readonly maxLength?: number;
  readonly hint?: string;
  readonly required?: boolean;
}

export function textField(state: FormState, options: TextFieldOptions): string {
  const id = fieldId(state, options.name);
  const required = options.required !== false;
  return `<div class="essaim-field">
<label for="${id}">${escapeHtml(options.label)}${required ? '' : ' <span class="essaim-optional">(facultatif)</span>'}</label>
${hintOf(state, options.name, options.hint)}${fieldError(state, options.name)}<input id="${id}" name="${options.name}" type="${options.type ?? 'text'}"${
    options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''
  }${options.maxLength ? ` maxlength="${options.maxLength}"` : ''}${required ? ' required' : ''} value="${escapeHtml(
    typedValue(state, options.name),
  )}"${describedBy(state, options.name, Boolean(options.hint))}>
</div>`;
}

export function textArea(
  state: FormState,
  options: { name: string; label: string; maxLength: number; hint?: string; rows?: number },
): string {
  const id = fieldId(state, options.name);
  return `<div class="essaim-field">
<label for="${id}">${escapeHtml(options.label)}</label>
${hintOf(state, options.name, options.hint)}${fieldError(state, options.name)}<textarea id="${id}" name="${options.name}" rows="${options.rows ?? 6}" maxlength="${options.maxLength}" required${describedBy(
    state,
    options.name,
    Boolean(options.hint),
  )}>${escapeHtml(typedValue(state, options.name))}</textarea>
</div>`;
}

export function selectField(
  state: FormState,
  options: {
    name: string;
    label: string;
    choices: readonly { value: string; label: string }[];
    placeholder: string;
  },
): string {
  const id = fieldId(state, options.name);
  const current = typedValue(state, options.name);
  const choices = options.choices
    .map(
      (choice) =>
        `<option value="${escapeHtml(choice.value)}"${choice.value === current ? ' selected' : ''}>${escapeHtml(choice.label)}</option>`,
    )
    .join('');
  return `<div class="essaim-field">
<label for="${id}">${escapeHtml(options.label)}</label>
${fieldError(state, options.name)}<select id="${id}" name="${options.name}" required${describedBy(state, options.name, false)}><option value="">${escapeHtml(options.placeholder)}</option>${choices}</select>
</div>`;
}

/** The consent box: its text is what the stored consent version refers to. */
export function consentBox(state: FormState, label: string): string {
  const id = fieldId(state, 'consent');
  return `<div class="essaim-field essaim-checkbox">
${fieldError(state, 'consent')}<input id="${id}" name="consent" type="checkbox" value="true" required${
    typedValue(state, 'consent') === 'true' ? ' checked' : ''
  }${describedBy(state, 'consent', false)}>
<label for="${id}">${escapeHtml(label)}</label>
</div>`;
}

/** A field people never see nor reach with the keyboard; robots fill it in (see the handlers). */
export const honeypot = (state: FormState): string =>
  `<div class="essaim-honeypot" aria-hidden="true"><label for="${fieldId(state, 'website')}">Ne pas remplir</label><input id="${fieldId(
    state,
    'website',
  )}" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>`;

/** Where a form without JavaScript goes once accepted (see the API's form posts). */
export const nextField = (next: string | undefined): string =>
  next ? `<input type="hidden" name="_next" value="${escapeHtml(next)}">` : '';

/** The list of errors at the top of a form, each a link to its field; `''` without errors. */
export function errorSummary(state: FormState, labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(state.errors ?? {});
  if (entries.length === 0) return '';
  const items = entries
    .map(([name, message]) =>
      name && labels[name]
        ? `<li><a href="#${fieldId(state, name)}">${escapeHtml(labels[name])} : ${escapeHtml(message)}</a></li>`
        : `<li>${escapeHtml(message)}</li>`,
    )
    .join('');
  const count = entries.length;
  const h = `h${Math.min(6, Math.max(2, state.headingLevel ?? 2))}`;
  return `<div class="essaim-error-summary" role="alert" tabindex="-1" id="${state.idPrefix}-erreurs">
<${h}>${count === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${count} erreurs`}</${h}>
<ul>${items}</ul>
</div>`;
}

/** Field name of an RFC 9457 entry's JSON pointer (`#/email` → `email`; `''` for the whole body). */
export const fieldOfPointer = (pointer: string): string => pointer.replace(/^#?\/?/, '').split('/')[0] ?? '';

/** The problem+json entries of an answer as `FieldErrors` (the first message of each field). */
export function fieldErrorsOf(
  problems: readonly { readonly pointer: string; readonly detail: string }[],
  known: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = fieldOfPointer(problem.pointer);
    const name = known.includes(field) ? field : '';
    errors[name] ??= problem.detail;
  }
  return errors;
}
