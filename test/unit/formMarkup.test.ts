import { describe, expect, it } from 'vitest';
import { contactFormHtml } from '../../functions/contact/contactForm.ts';
import { availabilityText, registrationFormHtml } from '../../functions/registrations/registrationForm.ts';
import { fieldErrorsOf, fieldOfPointer } from '../../functions/shared/forms/formMarkup.ts';

const topics = [{ id: 'information', label: 'Demande d’information' }];

describe('form markup shared by the components and the API', () => {
  it('reads the field of a problem’s JSON pointer', () => {
    expect(fieldOfPointer('#/email')).toBe('email');
    expect(fieldOfPointer('/consent')).toBe('consent');
    expect(fieldOfPointer('#')).toBe('');
    expect(
      fieldErrorsOf(
        [
          { pointer: '#/email', detail: 'a' },
          { pointer: '#/extra', detail: 'b' },
        ],
        ['email'],
      ),
    ).toEqual({
      email: 'a',
      '': 'b',
    });
  });

  it('labels every field, links the summary to the fields, describes invalid fields by their error', () => {
    const html = contactFormHtml({
      idPrefix: 'c',
      action: 'https://api.example/contact',
      topics,
      values: { name: '<Zoé>', topic: 'information' },
      errors: { email: 'Adresse invalide', consent: 'Accord nécessaire' },
    });
    for (const field of ['name', 'email', 'topic', 'message', 'consent']) {
      expect(html).toContain(`<label for="c-${field}">`);
      expect(html).toContain(`id="c-${field}"`);
    }
    expect(html).toContain('value="&lt;Zoé&gt;"');
    expect(html).toContain('<option value="information" selected>');
    expect(html).toContain('Le formulaire contient 2 erreurs');
    expect(html).toContain('<a href="#c-email">Votre adresse e-mail : Adresse invalide</a>');
    expect(html).toMatch(
      /id="c-email"[^>]*aria-describedby="c-email-aide c-email-erreur" aria-invalid="true"/,
    );
    expect(html).not.toMatch(/id="c-name"[^>]*aria-invalid/);
    // The honeypot is out of reach of keyboards and screen readers.
    expect(html).toMatch(/<div class="essaim-honeypot" aria-hidden="true">.*tabindex="-1"/);
  });

  it('says why one cannot register, and offers the waiting list when full', () => {
    const closed = { open: false, closedReason: 'cancelled', capacity: 10, placesLeft: 3, waitingList: true };
    expect(registrationFormHtml({ idPrefix: 'r', action: '/x', registration: closed })).not.toContain(
      '<form',
    );
    expect(availabilityText(closed)).toBe('Cette manifestation est annulée.');
    const full = { open: true, closedReason: null, capacity: 10, placesLeft: 0, waitingList: true };
    expect(registrationFormHtml({ idPrefix: 'r', action: '/x', registration: full })).toContain(
      'M’inscrire sur la liste d’attente',
    );
    const fullNoList = { ...full, waitingList: false };
    expect(registrationFormHtml({ idPrefix: 'r', action: '/x', registration: fullNoList })).not.toContain(
      '<form',
    );
    expect(availabilityText({ ...full, placesLeft: 1 })).toBe('Il reste 1 place.');
    expect(availabilityText({ ...full, capacity: null, placesLeft: null })).toBeNull();
  });
});
