import mjml2html from 'mjml-browser';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BRAND_COLOUR,
  type EmailBlock,
  type EmailContent,
  emailMjml,
  renderEmail,
} from '../../functions/shared/mail/emailLayout.ts';

const LONG_URL = `https://reseau-ess.example.fr/desinscription/${'a1b2c3d4e5'.repeat(26)}`;

const message = (overrides: Partial<EmailContent> = {}): EmailContent => ({
  brand: { siteName: 'Réseau ESS Occitanie', postalAddress: '12 rue de l’Œuvre\n31000 Toulouse' },
  preheader: 'Votre inscription à l’atelier est confirmée',
  heading: 'Merci, c’est noté !',
  blocks: [
    { kind: 'paragraph', text: 'Bonjour Zoé,\nvotre inscription est bien reçue.\n\nÀ très bientôt !' },
    {
      kind: 'facts',
      facts: [
        ['Date', 'jeudi 12 juin à 18 h'],
        [
          'Lieu',
          { text: 'La Cantine', href: 'https://reseau-ess.example.fr/lieux/cantine?vue=carte&zoom=3' },
        ],
      ],
    },
    { kind: 'quote', text: 'Je viendrai avec deux amis.' },
    {
      kind: 'button',
      label: 'Confirmer ma venue',
      href: 'https://reseau-ess.example.fr/confirmer?jeton=xyz',
    },
    { kind: 'link', before: 'Pour vous désinscrire :', label: 'se désinscrire', href: LONG_URL },
  ],
  footer: 'Vous recevez ce message car vous vous êtes inscrit·e sur reseau-ess.example.fr.',
  ...overrides,
});

/** The markup between <body> and </body>: what a reader sees. */
const bodyOf = (html: string): string => html.slice(html.indexOf('<body'), html.lastIndexOf('</body>'));

describe('renderEmail', () => {
  it('renders every link as an <a href> to an absolute https URL, never as bare text', async () => {
    const { html } = await renderEmail(message());
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href);
    expect(hrefs).toHaveLength(3);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
    const body = bodyOf(html);
    const outsideAnchors = body.replace(/<a\b[\s\S]*?<\/a>/g, '').replace(/<[^>]*>/g, '');
    expect(outsideAnchors).not.toMatch(/https?:\/\//);
    // The long unsubscribe URL sits in the href; the reader sees the label.
    const anchorTexts = [...body.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)].map(([, text]) => text?.trim());
    expect(anchorTexts).toEqual(['La Cantine', 'Confirmer ma venue', 'se désinscrire']);
  });

  it('lets http through for local development hosts only', async () => {
    for (const href of ['http://localhost:3000/a', 'http://127.0.0.1/a', 'http://essaim.localhost/a']) {
      const { html } = await renderEmail(message({ blocks: [{ kind: 'button', label: 'Ouvrir', href }] }));
      expect(html).toContain(`href="${href}"`);
    }
  });

  it.each([
    'javascript:alert(1)',
    'http://reseau-ess.example.fr/a',
    'http://localhost.evil.example/a',
    '//reseau-ess.example.fr/a',
    '/desinscription',
    'mailto:contact@example.fr',
    'data:text/html,<script>alert(1)</script>',
    'https://user:secret@reseau-ess.example.fr/',
  ])('throws on the href %s, wherever it is used', async (href) => {
    const blocks: EmailBlock[] = [
      { kind: 'button', label: 'Ouvrir', href },
      { kind: 'link', label: 'Ouvrir', href },
      { kind: 'facts', facts: [['Lien', { text: 'Ouvrir', href }]] },
    ];
    for (const block of blocks) {
      await expect(renderEmail(message({ blocks: [block] }))).rejects.toThrow(/^E-mail link must/);
    }
  });

  it('keeps a long URL and a 5,000-character quote under Gmail’s 102 KB clipping, wrapping long words', async () => {
    const quote = 'L’économie sociale et solidaire, « c’est l’affaire de tous ». '.repeat(81).slice(0, 5000);
    const blocks: EmailBlock[] = [{ kind: 'quote', text: quote }, ...message().blocks];
    const { html } = await renderEmail(message({ blocks }));
    expect(quote).toHaveLength(5000);
    expect(html).toContain(quote);
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(102_000);
    expect(html).toMatch(/<a href="[^"]+" style="[^"]*overflow-wrap:anywhere;word-break:break-word/);
  });

  it('keeps French characters in both parts', async () => {
    const french = 'Élise, Gaëlle et François : « cœur à l’ouvrage », déjà 10\u00a0% de plus\u202f!';
    const { html, text } = await renderEmail(
      message({ heading: french, blocks: [{ kind: 'paragraph', text: french }] }),
    );
    expect(html).toContain(french);
    expect(text).toContain(french);
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('charset=UTF-8');
  });

  it('escapes hostile text everywhere: it never becomes markup', async () => {
    const hostile =
      '<script>alert(1)</script> "><img src=x onerror=alert(1)> {{prenom}} <mj-raw><b>x</b></mj-raw>';
    const { html, text } = await renderEmail({
      brand: { siteName: hostile, postalAddress: hostile },
      preheader: hostile,
      heading: hostile,
      banner: hostile,
      blocks: [
        { kind: 'paragraph', text: hostile },
        { kind: 'facts', facts: [[hostile, hostile]] },
        { kind: 'quote', text: hostile },
        { kind: 'button', label: hostile, href: 'https://example.fr/' },
        { kind: 'link', before: hostile, label: hostile, href: 'https://example.fr/' },
      ],
      footer: hostile,
    });
    expect(html).not.toMatch(/<script|<img|<mj-raw|<b>/i);
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;';
    expect(html).toContain(`<title>${escaped}`);
    // MJML copies the heading into an attribute too: it is not broken open.
    expect(html).toContain(`aria-label="${escaped}`);
    // The words are kept, as words.
    expect(text).toContain('<script>alert(1)</script> "><img src=x onerror=alert(1)> {{prenom}}');
  });

  it('escapes the site name in the logo’s alt text', async () => {
    const siteName = '"><img src=x onerror=alert(1)>';
    const { html, text } = await renderEmail(
      message({ brand: { siteName, logoUrl: 'https://cdn.example.fr/logo.png?w=360&h=120' } }),
    );
    expect(html.match(/<img\b/g)).toHaveLength(1);
    expect(html).toContain('alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain('src="https://cdn.example.fr/logo.png?w=360&amp;h=120"');
    // The text part names the site, without the image's URL.
    expect(text.startsWith(siteName)).toBe(true);
    expect(text).not.toContain('logo.png');
  });

  it('shows the site name when the logo is not an https URL', async () => {
    const { html } = await renderEmail(
      message({ brand: { siteName: 'Réseau ESS', logoUrl: 'javascript:alert(1)' } }),
    );
    expect(html).not.toMatch(/<img\b|javascript:/);
    expect(bodyOf(html)).toContain('Réseau ESS');
  });

  it.each([
    'red',
    '#12345',
    '#ggg',
    '#1d4e89;background:url(https://evil.example/x)',
    '" onmouseover="alert(1)',
    '',
    null,
  ])('falls back to the default colour for %j', async (colour) => {
    const { html } = await renderEmail(message({ brand: { siteName: 'Réseau ESS', colour } }));
    expect(html).toContain(`background-color:${DEFAULT_BRAND_COLOUR}`);
    if (colour) expect(html).not.toContain(colour);
  });

  it('uses a valid brand colour, with readable text on it', async () => {
    const dark = await renderEmail(message({ brand: { siteName: 'Réseau ESS', colour: '#7A1F5C' } }));
    expect(dark.html).toContain('background-color:#7a1f5c');
    expect(dark.html).toMatch(/background:#7a1f5c;color:#ffffff/);
    const light = await renderEmail(message({ brand: { siteName: 'Réseau ESS', colour: '#fd0' } }));
    expect(light.html).toMatch(/background:#ffdd00;color:#1f2933/);
    // Links on the white card keep a readable colour.
    expect(light.html).toContain(`<a href="${LONG_URL}" style="color:${DEFAULT_BRAND_COLOUR};`);
    // A near-white colour still shows in the header, but buttons take the default to stay visible.
    const white = await renderEmail(message({ brand: { siteName: 'Réseau ESS', colour: '#fefefe' } }));
    expect(white.html).toContain('background-color:#fefefe');
    expect(white.html).toMatch(new RegExp(`background:${DEFAULT_BRAND_COLOUR};color:#ffffff`));
    expect(white.html).not.toMatch(/background:#fefefe;color:/);
  });

  // Browsers submit a textarea's line breaks as CRLF.
  it.each(['Un\ndeux\n\ntrois', 'Un\r\ndeux\r\n\r\ntrois'])(
    'splits paragraphs on blank lines and breaks lines on single newlines (%j)',
    async (paragraph) => {
      const { html } = await renderEmail(message({ blocks: [{ kind: 'paragraph', text: paragraph }] }));
      expect(html).toMatch(/<p [^>]*>Un<br>deux<\/p><p [^>]*>trois<\/p>/);
    },
  );

  it('derives a readable text part from the HTML', async () => {
    const { text } = await renderEmail(message({ banner: 'Ceci est un envoi de test' }));
    expect(text).toContain('Bonjour Zoé,\nvotre inscription est bien reçue.\n\nÀ très bientôt !');
    expect(text).toContain('Date\u00a0: jeudi 12 juin à 18 h');
    expect(text).toMatch(
      /Lieu\u00a0: La Cantine\s\[https:\/\/reseau-ess\.example\.fr\/lieux\/cantine\?vue=carte&zoom=3\]/,
    );
    expect(text).toContain('> Je viendrai avec deux amis.');
    expect(text).toContain('Confirmer ma venue [https://reseau-ess.example.fr/confirmer?jeton=xyz]');
    expect(text).toContain(`se désinscrire [${LONG_URL}]`);
    expect(text).toContain('12 rue de l’Œuvre\n31000 Toulouse');
    // Banner, then heading, as in the HTML; the hidden preheader is left out.
    expect(text.indexOf('Ceci est un envoi de test')).toBeLessThan(text.indexOf('Merci, c’est noté !'));
    expect(text).not.toContain('Votre inscription à l’atelier est confirmée');
    expect(text).not.toMatch(/\n{3}/);
  });

  it('lays out a 600 px card with the preheader hidden at the top', async () => {
    const { html } = await renderEmail(message());
    expect(html).toContain('max-width:600px');
    expect(html).toContain('width="600"');
    expect(bodyOf(html)).toMatch(
      /^<body[^>]*>\s*<div style="display:none;[^"]*">Votre inscription à l’atelier/,
    );
  });

  it('renders the newsletters’ blocks valid for MJML, escaped, their links https only', async () => {
    const hostile = '<b>x</b> & "y"';
    const content = message({
      blocks: [
        { kind: 'heading', level: 2, text: hostile },
        {
          kind: 'richText',
          runs: [
            { text: hostile, bold: true },
            { text: 'lien', href: 'https://a.example/?b=1&c=2' },
          ],
        },
        { kind: 'richText', quote: true, runs: [{ text: hostile, italic: true }] },
        { kind: 'list', ordered: true, items: [[{ text: hostile }], [{ text: 'deux' }]] },
        { kind: 'image', src: 'https://cdn.example/i.jpg?w=600', alt: hostile, width: 300 },
        {
          kind: 'card',
          title: hostile,
          href: 'https://a.example/e',
          facts: [['Date', hostile]],
          text: hostile,
          button: { label: 'S’inscrire', href: 'https://a.example/e' },
        },
      ],
      footerLinks: [{ label: hostile, href: 'https://a.example/p' }],
    });
    await expect(mjml2html(emailMjml(content), { validationLevel: 'strict' })).resolves.toMatchObject({
      errors: [],
    });
    const { html, text } = await renderEmail(content);
    expect(html).not.toMatch(/<b>/);
    expect(bodyOf(html).match(/&lt;b&gt;x&lt;\/b&gt; &amp; &quot;y&quot;/g)?.length).toBeGreaterThanOrEqual(
      6,
    );
    expect(html).toContain('<strong>&lt;b&gt;x');
    expect(html).toContain('href="https://a.example/?b=1&amp;c=2"');
    expect(html).toMatch(/<img\s[^>]*alt="&lt;b&gt;x&lt;\/b&gt; &amp; &quot;y&quot;"[^>]*width="300"/);
    expect(text).toContain('1. <b>x</b> & "y"');
    for (const block of [
      { kind: 'richText', runs: [{ text: 'x', href: 'javascript:alert(1)' }] },
      { kind: 'image', src: 'http://cdn.example/i.jpg', alt: 'x' },
    ] as EmailBlock[]) {
      await expect(renderEmail(message({ blocks: [block] }))).rejects.toThrow(/^E-mail link must/);
    }
  });

  it('builds a tree that MJML’s strict validator accepts', async () => {
    const content = message({
      banner: 'Ceci est un envoi de test',
      brand: { siteName: 'Réseau ESS', logoUrl: 'https://cdn.example.fr/logo.png', colour: '#7a1f5c' },
    });
    await expect(mjml2html(emailMjml(content), { validationLevel: 'strict' })).resolves.toMatchObject({
      errors: [],
    });
  });
});
