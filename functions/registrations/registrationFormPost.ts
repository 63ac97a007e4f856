import { placesLeft } from '../programme/eventCard.ts';
import { confirmedCounts } from '../programme/eventCounters.ts';
import { eventBySlugQuery } from '../programme/queries.ts';
import { registrationState } from '../programme/registrationState.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { formAnswerPage } from '../shared/forms/formAnswerPage.ts';
import { escapeHtml } from '../shared/forms/formMarkup.ts';
import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { allowedNext, type FormPostOptions } from '../shared/http/formPosts.ts';
import { eventPageUrl, pageUrl } from '../shared/pageLinks.ts';
import { registrationFieldLabels, registrationFormHtml } from './registrationForm.ts';

/** Without JavaScript: the thank-you page of the outcome, or the form again with its errors. */
export const registrationFormPost: FormPostOptions = {
  checkboxes: ['consent'],
  fields: Object.keys(registrationFieldLabels),
  thanks: ({ statusCode, body }, event) => {
    const answer = body as { status?: string; position?: number };
    const slug = event.pathParameters?.slug ?? '';
    if (statusCode === 202 || answer.status === 'pending')
      return pageUrl('registrationPending', { manifestation: slug, statut: 'a-confirmer' });
    if (answer.status === 'waitlisted') {
      return pageUrl('registrationWaitlisted', {
        manifestation: slug,
        statut: 'liste-d-attente',
        position: String(answer.position ?? ''),
      });
    }
    return pageUrl('registrationConfirmed', { manifestation: slug, statut: 'confirmee' });
  },
  errorPage: async (refused) => {
    const slug = refused.event.pathParameters?.slug ?? '';
    const { value: found } = await readContent(eventBySlugQuery, { slug });
    const back = allowedNext(refused.event.headers.referer ?? null);
    if (!found?.startsAt) {
      return formAnswerPage({ title: 'Inscription', back, body: `<p>${escapeHtml(refused.detail)}</p>` });
    }
    const state = registrationState(found, systemClock.now());
    // The counter alone (eventCounters.ts), not the programme's context and its filter schemas.
    const counts = await confirmedCounts(dynamoDbDocumentClient(), tableNameOf('registrations'), [found._id]);
    const confirmed = counts.get(found._id) ?? 0;
    return formAnswerPage({
      title: `Inscription : ${found.title ?? slug}`,
      back: back ?? eventPageUrl(slug),
      body: registrationFormHtml({
        idPrefix: 'essaim-inscription',
        action: `${apiBaseUrl(refused.event)}/events/${encodeURIComponent(slug)}/registrations`,
        registration: { ...state, placesLeft: placesLeft(state.capacity, confirmed) },
        values: refused.values,
        // A closed or full event says so in place of the form; other refusals, on the form.
        errors: refused.errors,
        ...(refused.next ? { next: refused.next } : {}),
      }),
    });
  },
};
