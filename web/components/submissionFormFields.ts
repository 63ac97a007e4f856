import { escapeHtml, type FormState } from '../../functions/shared/forms/formMarkup.ts';

/**
 * The field helpers of the submission form that `formMarkup.ts` does not have (a type, an
 * input mode, an optional text area, a character counter, radio buttons), with the same
 * accessibility: a `<label>` per field, hint and error tied by `aria-describedby`, an invalid
 * field `aria-invalid`.
 */

export const fieldId = (state: FormState, name: string): string => `${state.idPrefix}-${name}`;
const errorId = (state: FormState, name: string) => `${fieldId(state, name)}-erreur`;
const typedValue = (state: FormState, name: string) => state.values?.[name] ?? '';

/** The ids that describe a field (its hint, its counter, its error) and `aria-invalid`. */
function described(state: FormState, name: string, extra: readonly string[]): string {
  const error = state.errors?.[name];
  const ids = [...extra, error ? errorId(state, name) : ''].filter(Boolean).join(' ');
  return `${ids ? ` aria-describedby="${ids}"` : ''}${error ? ' aria-invalid="true"' : ''}`;
}

export const errorOf = (state: FormState, name: string): string =>
  state.errors?.[name]
    ? `<p class="essaim-error" id="${errorId(state, name)}">${escapeHtml(state.errors[name])}</p>`
    : '';

const hintOf = (state: FormState, name: string, hint: string | undefined) =>
  hint ? `<p class="essaim-hint" id="${fieldId(state, name)}-aide">${escapeHtml(hint)}</p>` : '';

const optionalMark = ' <span class="essaim-optional">(facultatif)</span>';

/** A character counter the component keeps up to date (`data-counter` names its field). */
const counterOf = (state: FormState, name: string, maxLength: number) =>
  `<p class="essaim-hint essaim-counter" id="${fieldId(state, name)}-compteur" data-counter="${name}" data-max="${maxLength}">${typedValue(state, name).length} / ${maxLength} caractères</p>`;

export interface InputOptions {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'time';
  readonly inputMode?: 'numeric' | 'url';
  readonly autocomplete?: string;
  readonly maxLength?: number;
  readonly hint?: string;
  readonly required?: boolean;
  /** Shows « n / max caractères » under the field, updated as one types. */
  readonly counter?: boolean;
  /** Raw attributes (`min`, `pattern`…), already escaped. */
  readonly attributes?: string;
}

export function input(state: FormState, options: InputOptions): string {
  const id = fieldId(state, options.name);
  const required = options.required !== false;
  const extra = [
    options.hint ? `${id}-aide` : '',
    options.counter && options.maxLength ? `${id}-compteur` : '',
  ];
  return `<div class="essaim-field">
<label for="${id}">${escapeHtml(options.label)}${required ? '' : optionalMark}</label>
${hintOf(state, options.name, options.hint)}${errorOf(state, options.name)}<input id="${id}" name="${options.name}" type="${options.type ?? 'text'}"${
    options.inputMode ? ` inputmode="${options.inputMode}"` : ''
  }${options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''}${
    options.maxLength ? ` maxlength="${options.maxLength}"` : ''
  }${required ? ' required' : ''}${options.attributes ?? ''} value="${escapeHtml(typedValue(state, options.name))}"${described(
    state,
    options.name,
    extra,
  )}>
${options.counter && options.maxLength ? counterOf(state, options.name, options.maxLength) : ''}</div>`;
}

export function textArea(
  state: FormState,
  options: {
    name: string;
    label: string;
    maxLength: number;
    hint?: string;
    rows?: number;
    required?: boolean;
    counter?: boolean;
  },
): string {
  const id = fieldId(state, options.name);
  const required = options.required !== false;
  const extra = [options.hint ? `${id}-aide` : '', options.counter ? `${id}-compteur` : ''];
  return `<div class="essaim-field">
<label for="${id}">${escapeHtml(options.label)}${required ? '' : optionalMark}</label>
${hintOf(state, options.name, options.hint)}${errorOf(state, options.name)}<textarea id="${id}" name="${options.name}" rows="${options.rows ?? 4}" maxlength="${options.maxLength}"${
    required ? ' required' : ''
  }${described(state, options.name, extra)}>${escapeHtml(typedValue(state, options.name))}</textarea>
${options.counter ? counterOf(state, options.name, options.maxLength) : ''}</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function select(
  state: FormState,
  options: { name: string; label: string; choices: readonly Choice[]; placeholder: string; hint?: string },
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
${hintOf(state, options.name, options.hint)}${errorOf(state, options.name)}<select id="${id}" name="${options.name}" required${described(
    state,
    options.name,
    options.hint ? [`${id}-aide`] : [],
  )}><option value="">${escapeHtml(options.placeholder)}</option>${choices}</select>
</div>`;
}

/**
 * Radio buttons or checkboxes in a fieldset whose legend names them; the fieldset's id is
 * where the error summary's link leads, and its error describes it.
 */
export function choiceGroup(
  state: FormState,
  options: {
    name: string;
    legend: string;
    type: 'radio' | 'checkbox';
    choices: readonly Choice[];
    hint?: string;
  },
): string {
  const current = new Set(typedValue(state, options.name).split('\n').filter(Boolean));
  const error = state.errors?.[options.name];
  const hintId = `${fieldId(state, options.name)}-aide`;
  const boxes = options.choices
    .map((choice) => {
      const id = `${fieldId(state, options.name)}-${choice.value}`;
      return `<div class="essaim-checkbox"><input id="${id}" name="${options.name}" type="${options.type}" value="${escapeHtml(choice.value)}"${
        current.has(choice.value) ? ' checked' : ''
      }${options.type === 'radio' ? ' required' : ''}><label for="${id}">${escapeHtml(choice.label)}</label></div>`;
    })
    .join('');
  const describedBy = [options.hint ? hintId : '', error ? errorId(state, options.name) : '']
    .filter(Boolean)
    .join(' ');
  return `<fieldset class="essaim-fieldset" id="${fieldId(state, options.name)}"${
    describedBy ? ` aria-describedby="${describedBy}"` : ''
  }><legend>${escapeHtml(options.legend)}</legend>${
    options.hint ? `<p class="essaim-hint" id="${hintId}">${escapeHtml(options.hint)}</p>` : ''
  }${errorOf(state, options.name)}<div class="essaim-choices">${boxes}</div></fieldset>`;
}

/** A single checkbox (`value="true"`), the box before its label. */
export function checkbox(state: FormState, options: { name: string; label: string; hint?: string }): string {
  const id = fieldId(state, options.name);
  return `<div class="essaim-field essaim-checkbox">
${errorOf(state, options.name)}<input id="${id}" name="${options.name}" type="checkbox" value="true"${
    typedValue(state, options.name) === 'true' ? ' checked' : ''
  }${described(state, options.name, options.hint ? [`${id}-aide`] : [])}>
<label for="${id}">${escapeHtml(options.label)}</label>${
    options.hint ? `<span class="essaim-hint" id="${id}-aide">${escapeHtml(options.hint)}</span>` : ''
  }
</div>`;
}
