import { formAnswerPage } from '../shared/forms/formAnswerPage.ts';
import { escapeHtml } from '../shared/forms/formMarkup.ts';
import { allowedNext, type FormPostOptions } from '../shared/http/formPosts.ts';
import { setting } from '../shared/settings.ts';
import { submissionFieldLabels } from './submissionFieldLabels.ts';

export { submissionFieldLabels };

/** The hosted page a plain form post goes to once accepted (it comes with `<essaim-submission>`). */
export const submissionThanksUrl = (): string =>
  new URL('merci-proposition.html', `${setting('pagesUrl').replace(/\/?$/, '/')}`).href;

/**
 * Plain HTML form posts of `POST /campaigns/{campaign}/submissions`: a `303` to the thank-you
 * page, or a page that lists what to correct (the form itself is the component's, in `web/`).
 */
export const submissionFormPost: FormPostOptions = {
  checkboxes: ['openToAll', 'consent'],
  arrays: ['themes', 'occurrences', 'accessibility'],
  fields: Object.keys(submissionFieldLabels),
  thanks: (answer) => {
    const url = new URL(submissionThanksUrl());
    const id = (answer.body as { id?: unknown } | null)?.id;
    if (typeof id === 'string') url.searchParams.set('proposition', id);
    return url.href;
  },
  errorPage: async (refused) => {
    const labels: Readonly<Record<string, string>> = submissionFieldLabels;
    const items = Object.entries(refused.errors)
      .map(([field, message]) =>
        field && labels[field]
          ? `<li>${escapeHtml(labels[field])} : ${escapeHtml(message)}</li>`
          : `<li>${escapeHtml(message)}</li>`,
      )
      .join('');
    return formAnswerPage({
      title: 'Proposer une manifestation',
      back: allowedNext(refused.event.headers.referer ?? null),
      body: `<div class="essaim-error-summary" role="alert"><h2>${escapeHtml(refused.title)}</h2><ul>${items}</ul></div>
<p>Revenez au formulaire pour corriger ces points, puis envoyez-le à nouveau.</p>`,
    });
  },
};
