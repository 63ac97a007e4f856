import { describe, expect, it } from 'vitest';
import type { NewsletterForMail } from '../../functions/newsletters/newsletterContent.ts';
import { greetingFor, renderNewsletterMail } from '../../functions/newsletters/newsletterMail.ts';
import { newsletterPageHtml } from '../../functions/newsletters/newsletterPage.ts';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import { pageUrl } from '../../functions/shared/pageLinks.ts';

const now = new Date('2027-10-20T08:00:00Z');
const brand = brandOf({ siteName: 'Groupement ESS', brandColour: '#2e6b4f' });

const span = (text: string, marks: string[] = []) => ({ text, marks });
const block = (children: ReturnType<typeof span>[], more: Record<string, unknown> = {}) => ({
  _key: `b${Math.random()}`,
  _type: 'block' as const,
  style: 'normal' as const,
  listItem: null,
  level: null,
  children,
  markDefs: [],
  ...more,
});
const event = (overrides: Record<string, unknown> = {}) => ({
  _id: 'event-1',
  _type: 'event' as const,
  title: 'Atelier vélo solidaire',
  slug: 'atelier-velo-solidaire',
  summary: 'Réparer ensemble, apprendre à entretenir son vélo.',
  // Monday 1 November 2027, 14:00 to 16:00 in Paris.
  startsAt: '2027-11-01T13:00:00Z',
  endsAt: '2027-11-01T15:00:00Z',
  status: 'scheduled' as const,
  venue: { name: 'La Ruche', address: '12 rue des Lilas', postalCode: '35000', city: 'Rennes' },
  onlineUrl: null,
  registration: { enabled: true, closesAt: null },
  ...overrides,
});

const newsletter = (overrides: Partial<NewsletterForMail> = {}): NewsletterForMail => ({
  _id: 'newsletter-octobre',
  _rev: 'r1',
  _updatedAt: '2027-10-01T08:00:00Z',
  subject: 'La lettre d’octobre',
  preheader: 'Le Mois de l’ESS approche',
  slug: 'lettre-octobre-2027',
  introduction: [
    block([span('Le programme est en ligne : '), span('découvrez-le', ['lien']), span(' !', ['strong'])], {
      markDefs: [{ _key: 'lien', _type: 'link', href: 'https://www.groupement-ess.example/programme' }],
    }),
    block([span('Nos rendez-vous')], { style: 'h2' }),
    block([span('Premier point')], { listItem: 'bullet' }),
    block([span('Second point')], { listItem: 'bullet' }),
    {
      _key: 'image',
      _type: 'accessibleImage',
      alt: 'Des bénévoles réparent un vélo dans un atelier',
      url: 'https://cdn.sanity.io/images/p/d/abc-1200x800.jpg?w=600&auto=format&fit=max',
      width: 1200,
      height: 800,
    },
  ],
  sections: [
    {
      _key: 's1',
      heading: 'À ne pas manquer',
      text: 'Deux rendez-vous près de chez vous.',
      items: [
        event(),
        event({
          _id: 'event-2',
          title: 'Ciné-débat complet',
          slug: 'cine-debat',
          registration: { enabled: true, closesAt: '2027-10-10T00:00:00Z' },
        }),
        {
          _id: 'article-1',
          _type: 'article' as const,
          title: 'Épargne solidaire : le guide',
          slug: 'epargne',
          excerpt: 'Les repères pour orienter son épargne.',
          publishedAt: '2027-10-01T07:00:00Z',
        },
      ],
    },
  ],
  audience: { lists: ['actualites', 'mois-ess'], regions: null, themes: null },
  ...overrides,
});

const count = (text: string, part: string) => text.split(part).length - 1;

describe('renderNewsletterMail', () => {
  it('holds each SES placeholder exactly once per part, in its place, and none in the subject', async () => {
    const mail = await renderNewsletterMail(newsletter(), { brand, now });
    for (const part of [mail.html, mail.text]) {
      expect(count(part, '{{')).toBe(3);
      for (const name of ['greeting', 'preferencesUrl', 'unsubscribeUrl'])
        expect(count(part, `{{${name}}}`)).toBe(1);
    }
    expect(mail.subject).toBe('La lettre d’octobre');
    expect(mail.html).toMatch(/<p [^>]*>\{\{greeting\}\}<\/p>/);
    expect(mail.html).toMatch(/<a href="\{\{preferencesUrl\}\}"[^>]*>Gérer mes préférences<\/a>/);
    expect(mail.html).toMatch(/<a href="\{\{unsubscribeUrl\}\}"[^>]*>Me désabonner<\/a>/);
    expect(mail.text).toContain('Gérer mes préférences [{{preferencesUrl}}]');
    expect(mail.text).toContain('Me désabonner [{{unsubscribeUrl}}]');
    // The greeting comes before the editor's text; the links come in the footer, after it.
    expect(mail.text.indexOf('{{greeting}}')).toBeLessThan(mail.text.indexOf('Le programme est en ligne'));
    expect(mail.text.indexOf('{{unsubscribeUrl}}')).toBeGreaterThan(mail.text.indexOf('Épargne solidaire'));
  });

  it('never lets editors’ words make a placeholder, wherever they write "{{"', async () => {
    const hostile = 'Tarif {{prenom}} et {{{x}}}';
    const mail = await renderNewsletterMail(
      newsletter({
        subject: hostile,
        preheader: hostile,
        introduction: [
          block([span(hostile, ['lien'])], {
            markDefs: [{ _key: 'lien', _type: 'link', href: 'https://exemple.fr/?q={{unsubscribeUrl}}' }],
          }),
        ],
        sections: [
          {
            _key: 's',
            heading: hostile,
            text: hostile,
            items: [event({ title: hostile, summary: hostile })],
          },
        ],
      }),
      { brand, now },
    );
    expect(count(mail.subject, '{{')).toBe(0);
    expect(count(mail.html, '{{')).toBe(3);
    expect(count(mail.text, '{{')).toBe(3);
    // Readers still see the braces: an entity in the HTML, an invisible space in the text.
    expect(mail.html).toContain('Tarif &#123;{prenom}} et &#123;&#123;{x}}}');
    expect(mail.html).toContain('href="https://exemple.fr/?q=&#123;{unsubscribeUrl}}"');
    expect(mail.text).toContain('Tarif {\u200b{prenom}} et {\u200b{\u200b{x}}}');
    expect(mail.subject).toBe('Tarif {\u200b{prenom}} et {\u200b{\u200b{x}}}');
  });

  it('renders the text, images with their alternative text, and event and article cards in French', async () => {
    const mail = await renderNewsletterMail(newsletter(), { brand, now });
    expect(mail.html).toContain('<a href="https://www.groupement-ess.example/programme"');
    expect(mail.html).toContain('<strong> !</strong>');
    expect(mail.html).toMatch(/<h2 [^>]*>Nos rendez-vous<\/h2>/);
    expect(mail.html).toMatch(/<ul [^>]*><li [^>]*>Premier point<\/li><li [^>]*>Second point<\/li><\/ul>/);
    expect(mail.html).toContain('alt="Des bénévoles réparent un vélo dans un atelier"');
    expect(mail.html).toContain(
      'src="https://cdn.sanity.io/images/p/d/abc-1200x800.jpg?w=600&amp;auto=format&amp;fit=max"',
    );
    expect(mail.text).toContain('Des bénévoles réparent un vélo dans un atelier');
    expect(mail.text).toContain('Date\u00a0: lundi 1er novembre 2027 à 14:00 – 16:00 (heure de Paris)');
    expect(mail.text).toContain('Lieu\u00a0: La Ruche, 12 rue des Lilas, 35000 Rennes');
    expect(mail.text).toContain('Publié le\u00a0: 1er octobre 2027');
    // « S’inscrire » for the open event only; the other one's registration closed on 10 October.
    const eventPage = (slug: string) => pageUrl('event', { slug });
    expect(mail.text).toContain(`S’inscrire [${eventPage('atelier-velo-solidaire')}]`);
    expect(count(mail.text, 'S’inscrire')).toBe(1);
    expect(mail.text).toContain(`Ciné-débat complet [${eventPage('cine-debat')}]`);
    expect(mail.text).toContain(
      `La lire dans le navigateur [${pageUrl('newsletter', { lettre: 'lettre-octobre-2027' })}]`,
    );
  });

  it('keeps the words of a link a mail cannot carry, without the link', async () => {
    const mail = await renderNewsletterMail(
      newsletter({
        introduction: [
          block([span('ancien site', ['l'])], {
            markDefs: [{ _key: 'l', _type: 'link', href: 'http://ancien.exemple.fr/' }],
          }),
        ],
      }),
      { brand, now },
    );
    expect(mail.html).toContain('ancien site');
    expect(mail.html).not.toContain('ancien.exemple.fr');
  });

  it('shows the French test banner for a test send only', async () => {
    const test = await renderNewsletterMail(newsletter(), { brand, now, test: true });
    const real = await renderNewsletterMail(newsletter(), { brand, now });
    expect(test.text.startsWith('Groupement ESS\n\nEnvoi de test — ')).toBe(true);
    expect(test.html).toContain('Envoi de test — ');
    expect(real.html).not.toContain('Envoi de test');
    expect(test.subject).toBe(real.subject);
  });
});

describe('greetingFor', () => {
  it.each([
    ['Lou', 'Bonjour Lou,'],
    [null, 'Bonjour,'],
    ['   ', 'Bonjour,'],
    ['Zoé <img src=x onerror=alert(1)>', 'Bonjour Zoé img src=x onerror=alert(1),'],
  ])('greets %j as %j (never a tag: SES inserts it unescaped)', (name, greeting) => {
    expect(greetingFor(name)).toBe(greeting);
  });
});

describe('newsletterPageHtml (the archive page)', () => {
  it('is the same newsletter, with the generic greeting and nothing personal', () => {
    const html = newsletterPageHtml(newsletter(), now);
    expect(html.startsWith('<p class="essaim-newsletter-greeting">Bonjour,</p>')).toBe(true);
    expect(html).not.toMatch(/\{\{|préférences|désabonner|style=/);
    expect(html).toContain(
      '<img src="https://cdn.sanity.io/images/p/d/abc-1200x800.jpg?w=600&amp;auto=format&amp;fit=max" alt="Des bénévoles réparent un vélo dans un atelier" width="600"',
    );
    expect(html).toContain('<h2>À ne pas manquer</h2>');
    // One list of cards; the open event's button names it.
    expect(count(html, '<ul class="essaim-cards">')).toBe(1);
    expect(count(html, '<li class="essaim-card">')).toBe(3);
    expect(html).toContain('S’inscrire<span class="essaim-visually-hidden"> : Atelier vélo solidaire</span>');
    expect(count(html, 'S’inscrire')).toBe(1);
  });
});
