import { fieldErrorsOf } from '../../functions/shared/forms/formMarkup.ts';
import { type ApiAnswer, callApi, type EssaimConfig } from './api.ts';
import { type ChallengeForm, solvedFormChallenge } from './formChallenge.ts';

/**
 * What a form's values are, as the form would post them; the ticked boxes of a repeated field
 * (`arrays`) one per line, as the form markup's state keeps them.
 */
export function formValues(form: HTMLFormElement, arrays: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string' || name.startsWith('_')) continue;
    values[name] = arrays.includes(name) && values[name] ? `${values[name]}\n${value}` : value;
  }
  return values;
}

export interface EnhancedForm<T> {
  readonly config: EssaimConfig;
  /** The API path the form posts to as JSON. */
  readonly path: string;
  /** `POST` unless said (an edit through a signed link is a `PUT`). */
  readonly method?: 'POST' | 'PUT';
  readonly fields: readonly string[];
  readonly checkboxes?: readonly string[];
  /** Repeated fields (groups of checkboxes), sent as arrays. */
  readonly arrays?: readonly string[];
  /** Draws the form again, with these values and errors, and returns the new form. */
  readonly redraw: (values: Record<string, string>, errors: Record<string, string>) => HTMLFormElement;
  readonly accepted: (answer: { status: number; body: T }) => void;
  /** The form's proof of work, sent when editors switched it on (`formChallenge.ts`). */
  readonly challenge?: ChallengeForm;
}

/**
 * The same form a visitor without JavaScript posts, sent as JSON instead: errors come back on
 * the form (summary focused, so screen readers announce it), success replaces it.
 */
export function enhanceForm<T>(form: HTMLFormElement, options: EnhancedForm<T>): void {
  form.addEventListener('submit', async (submitEvent) => {
    submitEvent.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button?.disabled) return;
    if (button) {
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
    }
    const values = formValues(form, options.arrays);
    const body: Record<string, unknown> = { ...values };
    for (const checkbox of options.checkboxes ?? []) body[checkbox] = values[checkbox] === 'true';
    for (const array of options.arrays ?? []) body[array] = (values[array] ?? '').split('\n').filter(Boolean);
    // An optional field left empty is left out (the API's schemas take absent, not '').
    for (const [name, value] of Object.entries(body)) if (value === '') delete body[name];
    if (options.challenge) {
      const altcha = await solvedFormChallenge(options.config, options.challenge);
      if (altcha) body.altcha = altcha;
    }
    const answer: ApiAnswer<T> = await callApi<T>(options.config, options.path, {
      method: options.method ?? 'POST',
      body,
    });
    if (answer.ok) {
      options.accepted({ status: answer.status, body: answer.body });
      return;
    }
    const errors =
      answer.problem.errors && answer.problem.errors.length > 0
        ? fieldErrorsOf(answer.problem.errors, options.fields)
        : { '': answer.problem.detail };
    const redrawn = options.redraw(values, errors);
    enhanceForm(redrawn, options);
    redrawn.querySelector<HTMLElement>('.essaim-error-summary')?.focus();
  });
}
