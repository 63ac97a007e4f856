import {
  errorSummary,
  escapeHtml,
  fieldErrorsOf,
  textField,
} from '../../functions/shared/forms/formMarkup.ts';
import type { ListChoice } from '../../functions/subscriptions/subscriptionForm.ts';
import {
  preferencesFieldsHtml,
  subscriptionFieldLabels,
} from '../../functions/subscriptions/subscriptionForm.ts';
import { callApi, type EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { formValues } from './formEnhancement.ts';

interface SubscriptionView {
  readonly email: string;
  readonly name: string | null;
  readonly lists: readonly string[];
  readonly regions: readonly string[];
  readonly themes: readonly string[];
  readonly digest: string;
}

const arrays = ['lists', 'regions', 'themes'] as const;

/**
 * `<essaim-subscription-preferences>`: the page every subscriber mail links to
 * (`preferences-abonnement.html?jeton=…`): lists, regions, themes, digest, and leaving everything.
 */
export class EssaimSubscriptionPreferences extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const token = this.getAttribute('token') || this.fromPageAddress('jeton');
    const path = `/subscriptions/${encodeURIComponent(token)}`;
    const current = await callApi<SubscriptionView & { availableLists: ListChoice[] }>(config, path);
    if (!current.ok) return this.showProblem(current.problem);
    const options = { body: { lists: current.body.availableLists } };
    const valuesOf = (view: SubscriptionView): Record<string, string> => ({
      name: view.name ?? '',
      lists: view.lists.join('\n'),
      regions: view.regions.join('\n'),
      themes: view.themes.join('\n'),
      digest: view.digest,
    });
    const draw = (values: Record<string, string>, errors: Record<string, string> = {}, notice = '') => {
      const state = { idPrefix: this.idPrefix, values, errors };
      this.innerHTML = `${notice}<p>Abonnement de <strong>${escapeHtml(current.body.email)}</strong>.</p>
<form class="essaim-form" novalidate data-essaim-form="preferences">
${errorSummary(state, subscriptionFieldLabels)}${textField(state, { name: 'name', label: subscriptionFieldLabels.name, autocomplete: 'name', maxLength: 120, required: false })}
${preferencesFieldsHtml(state, options.body.lists)}
<p class="essaim-actions"><button type="submit">Enregistrer mes choix</button></p>
</form>
<section class="essaim-leave" aria-labelledby="${this.idPrefix}-quitter"><h2 id="${this.idPrefix}-quitter">Se désabonner</h2>
<p>Vous ne recevrez plus rien ; seule une empreinte de votre adresse est gardée, pour ne plus jamais vous écrire par erreur.</p>
<p class="essaim-actions"><button type="button" class="essaim-secondary" data-leave>Me désabonner de tout</button></p></section>`;
      const form = this.querySelector('form') as HTMLFormElement;
      form.addEventListener('submit', (submitEvent) => {
        submitEvent.preventDefault();
        void save(form);
      });
      this.querySelector('[data-leave]')?.addEventListener('click', () => void leave());
      return form;
    };
    const save = async (form: HTMLFormElement) => {
      const values = formValues(form, arrays);
      const body: Record<string, unknown> = { ...values };
      for (const name of arrays) body[name] = (values[name] ?? '').split('\n').filter(Boolean);
      const answer = await callApi<SubscriptionView>(config, path, { method: 'PUT', body });
      if (answer.ok) {
        draw(
          valuesOf(answer.body),
          {},
          '<p class="essaim-notice essaim-notice-success" role="status" tabindex="-1">Vos choix sont enregistrés.</p>',
        );
        this.querySelector<HTMLElement>('.essaim-notice')?.focus();
        return;
      }
      const errors = answer.problem.errors?.length
        ? fieldErrorsOf(answer.problem.errors, Object.keys(subscriptionFieldLabels))
        : { '': answer.problem.detail };
      draw(values, errors);
      this.querySelector<HTMLElement>('.essaim-error-summary')?.focus();
    };
    const leave = async () => {
      const answer = await callApi(config, path, { method: 'DELETE' });
      this.innerHTML = answer.ok
        ? '<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1"><p><strong>Vous êtes désabonné de tout.</strong> Vous ne recevrez plus nos lettres.</p></div>'
        : `<div class="essaim-notice essaim-notice-error" role="alert"><p>${escapeHtml(answer.problem.detail)}</p></div>`;
      this.querySelector<HTMLElement>('.essaim-notice')?.focus();
    };
    draw(valuesOf(current.body));
  }
}
