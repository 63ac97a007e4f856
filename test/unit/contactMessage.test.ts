import { describe, expect, it } from 'vitest';
import {
  buildContactMessage,
  contactMessageSchema,
  submissionFingerprint,
} from '../../functions/contact/contactMessage.ts';
import { contactConfigFromEnv, recipientsOf } from '../../functions/contact/topics.ts';

const schema = contactMessageSchema(['information', 'adhesion']);
const valid = {
  name: '  Élise Lefèvre ',
  email: ' Elise.Lefevre@Exemple.fr ',
  topic: 'adhesion',
  message: 'Bonjour,\n\nJe voudrais adhérer.',
  consent: true,
};

describe('contact message schema', () => {
  it('accepts a valid message, trims it and defaults the honeypot to empty', () => {
    const parsed = schema.parse(valid);
    expect(parsed).toMatchObject({ name: 'Élise Lefèvre', email: 'Elise.Lefevre@Exemple.fr', website: '' });
    expect(parsed.message).toContain('\n\n');
  });

  it.each([
    ['name', { name: 'Élise\rLefèvre' }, 'field.text.controlCharacters'],
    ['name', { name: 'Élise\u2028Lefèvre' }, 'field.text.controlCharacters'],
    ['name', { name: '   ' }, 'field.text.empty'],
    ['name', { name: 'x'.repeat(121) }, 'field.text.tooLong'],
    ['email', { email: 'elise@exemple.fr\r\nBcc: x@y.fr' }, 'field.email.invalid'],
    ['email', { email: 42 }, 'field.required'],
    ['topic', { topic: 'autre' }, 'contact.topic.unknown'],
    ['message', { message: 'x'.repeat(5001) }, 'contact.message.tooLong'],
    ['consent', { consent: 'yes' }, 'field.consent.required'],
  ])('refuses a bad %s with a catalogue message', (field, change, key) => {
    const result = schema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual([field]);
    expect(result.error?.issues[0]?.message).toBe(key);
  });
});

describe('submission fingerprint', () => {
  it('is the same for the same person, topic and text whatever the case and spacing', () => {
    const a = submissionFingerprint(
      { email: 'A@B.fr', topic: 'adhesion', message: 'Bonjour  à\ntous' },
      'cle',
    );
    const b = submissionFingerprint(
      { email: ' a@b.FR', topic: 'adhesion', message: 'Bonjour à tous ' },
      'cle',
    );
    expect(a).toBe(b);
    expect(
      submissionFingerprint({ email: 'a@b.fr', topic: 'information', message: 'Bonjour à tous' }, 'cle'),
    ).not.toBe(a);
    expect(a).not.toContain('a@b.fr');
  });
});

describe('buildContactMessage', () => {
  it('records consent and a retention date from the configuration', () => {
    const config = { ...contactConfigFromEnv({}), retentionDays: 30, consentTextVersion: 'v7' };
    const now = new Date('2027-11-03T08:30:00Z');
    const message = buildContactMessage(schema.parse(valid), config, now, 'id-1');
    expect(message.consent).toEqual({ textVersion: 'v7', givenAt: '2027-11-03T08:30:00.000Z' });
    expect(message.expiresAt).toBe(Date.parse('2027-12-03T08:30:00Z') / 1000);
  });

  it('reads retention and recipients from the environment', () => {
    const config = contactConfigFromEnv({
      CONTACT_RETENTION_DAYS: '90',
      CONTACT_RECIPIENTS: JSON.stringify({ '*': ['a@cress.fr'], adhesion: ['b@cress.fr'] }),
    });
    expect(config.retentionDays).toBe(90);
    expect(recipientsOf(config, 'adhesion')).toEqual(['b@cress.fr']);
    expect(recipientsOf(config, 'information')).toEqual(['a@cress.fr']);
  });
});
