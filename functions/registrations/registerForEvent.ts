import { randomUUID } from 'node:crypto';
import { placesLeft } from '../programme/eventCard.ts';
import { eventNotFound } from '../programme/eventNotFound.ts';
import { confirmedCountsOf } from '../programme/programmeContext.ts';
import { eventBySlugQuery } from '../programme/queries.ts';
import { registrationState } from '../programme/registrationState.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { formAnswerPage } from '../shared/forms/formAnswerPage.ts';
import { escapeHtml } from '../shared/forms/formMarkup.ts';
import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { allowedNext, type FormPostOptions } from '../shared/http/formPosts.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { type MessageKey, translate } from '../shared/messages.ts';
import { countMetric } from '../shared/metrics.ts';
import { eventPageUrl, pageUrl } from '../shared/pageLinks.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance, tooManyRequests } from '../shared/rateLimits.ts';
import { setting } from '../shared/settings.ts';
import { addressKey } from '../shared/tokens/tokenKeys.ts';
import { contentVersion } from './followEventChange.ts';
import { registrationStore } from './manageRegistration.ts';
import { eventSnapshotOf, registrationRequestSchema, retentionEnd } from './registration.ts';
import { registrationFieldLabels, registrationFormHtml } from './registrationForm.ts';

/** Without JavaScript: the thank-you page of the outcome, or the form again with its errors. */
const registrationFormPost: FormPostOptions = {
  checkboxes: ['consent'],
  fields: Object.keys(registrationFieldLabels),
  thanks: ({ statusCode, body }, event) => {
    const answer = body as { status?: string; position?: number };
    const slug = event.pathParameters?.slug ?? '';
    if (statusCode === 200)
      return pageUrl('alreadyRegistered', { manifestation: slug, statut: 'deja-inscrit' });
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
    const confirmed = (await confirmedCountsOf([found._id])).get(found._id) ?? 0;
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

/**
 * `POST /events/{slug}/registrations`: takes a place, or a place on the waiting list. The
 * e-mails follow from the stored registration (stream worker), never from here.
 */
export const handler = httpHandler(
  { body: registrationRequestSchema, formPost: registrationFormPost },
  async ({ body, event, language }) => {
    const slug = event.pathParameters?.slug ?? '';
    // Places, status and the details registrants keep: as of the last recorded edit, not 5 s before.
    const { value: found } = await readContent(eventBySlugQuery, { slug }, { revalidate: true });
    if (!found?.startsAt || !found.endsAt) throw eventNotFound(slug);
    const now = systemClock.now();
    const state = registrationState(found, now);
    if (!state.open) {
      throw new ProblemError({
        status: 409,
        title: 'problem.registrationClosed.title',
        detail: `registration.closed.${state.closedReason}` as MessageKey,
      });
    }
    const id = randomUUID();
    // A robot that filled the honeypot is answered like a person, and nothing is kept.
    if (body.website.trim() !== '') return jsonResponse(201, { id, status: 'confirmed' });

    // The client's registrations and the mailbox's form mails: taken with the registration.
    const limits = [
      await clientAllowance(event, 'registrations', now),
      await mailboxAllowance(body.email, now),
    ];
    const addressKeyOfEmail = await addressKey(body.email);
    const outcome = await registrationStore.register(
      {
        id,
        eventId: found._id,
        addressKey: addressKeyOfEmail,
        name: body.name,
        email: body.email.trim(),
        registeredAt: now.toISOString(),
        consent: { textVersion: setting('registrationConsentVersion'), givenAt: now.toISOString() },
        event: eventSnapshotOf(found, slug),
        eventAsOf: contentVersion(found._updatedAt),
        expiresAt: retentionEnd(found.endsAt, setting('registrationRetentionMonths')),
      },
      { capacity: state.capacity, waitingList: state.waitingList },
      limits,
    );
    if (outcome.kind === 'limited') throw tooManyRequests(outcome.usedUp, now);
    if (outcome.kind === 'full') {
      throw new ProblemError({ status: 409, title: 'problem.full.title', detail: 'registration.full' });
    }
    if (outcome.kind === 'duplicate') {
      // The same allowances as a new registration: the answer costs the same, whoever is registered.
      await limitOrRefuse(limits, now);
      const linkResent = await registrationStore.resendLink(found._id, addressKeyOfEmail, now);
      logger.info('Registration already exists', { eventId: found._id, linkResent });
      // The manage link goes (again) to the address, never in this answer, which tells nothing
      // of the registration (its status stays between the person and their mailbox).
      return jsonResponse(200, {
        alreadyRegistered: true,
        message: translate(language, 'registration.alreadyRegistered'),
      });
    }
    countMetric(
      outcome.registration.status === 'confirmed' ? 'registrationsConfirmed' : 'registrationsWaitlisted',
    );
    logger.info('Registration recorded', {
      eventId: found._id,
      registrationId: id,
      status: outcome.registration.status,
    });
    return jsonResponse(201, {
      id,
      status: outcome.registration.status,
      ...(outcome.position !== undefined ? { position: outcome.position } : {}),
    });
  },
);
