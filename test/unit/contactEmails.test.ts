import { describe, expect, it } from 'vitest';
import {
  contactAcknowledgement,
  contactEmails,
  contactNotification,
} from '../../functions/contact/contactEmails.ts';
import type { ContactMessage } from '../../functions/contact/contactMessage.ts';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import { headerSafe } from '../../functions/shared/mail/outgoingEmail.ts';

const message: ContactMessage = {
  id: 'm-1',
  name: 'Noé <b>Martin</b>',
  email: 'noe@exemple.fr',
  topic: 'adhesion',
  message: 'Première ligne\nDeuxième & <i>dernière</i>',
  receivedAt: '2027-11-14T09:05:00.000Z',
  consent: { textVersion: 'v1', givenAt: '2027-11-14T09:05:00.000Z' },
  expiresAt: 0,
};
const context = {
  brand: brandOf({ siteName: 'CRESS Bretagne' }),
  topicLabel: 'Adhésion',
  recipients: ['equipe@cress.fr'],
};

describe('contact e-mails', () => {
  it('notifies the team with the visitor as Reply-To, escaping what the visitor wrote', async () => {
    const email = await contactNotification(message, context);
    expect(email.to).toEqual(['equipe@cress.fr']);
    expect(email.replyTo).toEqual(['noe@exemple.fr']);
    expect(email.html).toContain('Noé &lt;b&gt;Martin&lt;/b&gt;');
    expect(email.html).toContain('Première ligne<br>Deuxième &amp; &lt;i&gt;dernière&lt;/i&gt;');
    expect(email.html).not.toContain('<i>');
    // Paris time, in French.
    expect(email.text).toContain('Reçu le\u00a0: dimanche 14 novembre 2027 à 10:05');
  });

  it('acknowledges to the visitor in French, with both parts, repeating nothing they typed', async () => {
    const email = await contactAcknowledgement(message, context);
    expect(email.to).toEqual(['noe@exemple.fr']);
    expect(email.replyTo).toBeUndefined();
    expect(email.subject).toBe('Nous avons bien reçu votre message — CRESS Bretagne');
    expect(email.text).toContain('au sujet de « Adhésion »');
    expect(email.html).toMatch(/<html lang="fr"/);
    // Neither the text nor the name: the form cannot relay anyone's words to the address typed.
    for (const part of [email.html, email.text, email.subject]) {
      expect(part).not.toContain('Première ligne');
      expect(part).not.toContain('dernière');
      expect(part).not.toContain('Martin');
    }
  });

  it('leaves the acknowledgement out when the form decided against it', async () => {
    expect((await contactEmails(message, context)).map(([kind]) => kind)).toEqual([
      'notification',
      'acknowledgement',
    ]);
    expect((await contactEmails({ ...message, acknowledge: false }, context)).map(([kind]) => kind)).toEqual([
      'notification',
    ]);
  });

  it('keeps every header value on one line', async () => {
    expect(headerSafe('Objet\r\nBcc: victime@exemple.fr')).toBe('Objet Bcc: victime@exemple.fr');
    expect(headerSafe('A\u2028B\u0000C')).toBe('A B C');
    const email = await contactNotification({ ...message, name: 'X\r\nBcc: y@z.fr' }, context);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});
