import { compile, type FormatCallback } from 'html-to-text';
import mjml2html from 'mjml-browser';
import { describe, expect, it } from 'vitest';
import {
  type EmailBlock,
  type EmailContent,
  emailMjml,
  renderEmail,
} from '../../functions/shared/mail/emailLayout.ts';
import { textOfHtml } from '../../functions/shared/mail/htmlText.ts';
import { type MjmlNode, renderMjml } from '../../functions/shared/mail/mjmlRenderer.ts';
import { seededRandom } from '../support/seededRandom.ts';

/**
 * The functions render mails without MJML's compiler and html-to-text (1.8 MiB); these were
 * how mails were made, and stay the reference: the same HTML and the same text, byte for byte,
 * for the layouts the mails use and for random content, trees and markup.
 */
const referenceHtml = async (tree: MjmlNode) =>
  (await mjml2html(tree, { validationLevel: 'skip', fonts: {} })).html;

const formatFacts: FormatCallback = (table, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  for (const row of table.children.filter((node) => node.name === 'tr')) {
    builder.openBlock({ leadingLineBreaks: 1 });
    row.children.forEach((cell, i) => {
      if (i > 0) builder.addInline('\u00a0: ');
      walk(cell.children, builder);
    });
    builder.closeBlock({ trailingLineBreaks: 1 });
  }
  builder.closeBlock({ trailingLineBreaks: 2 });
};
/** The options the layout gave html-to-text. */
const referenceText = compile({
  wordwrap: false,
  formatters: {
    facts: formatFacts,
    imageAlt: (image, _walk, builder) => builder.addInline(String(image.attribs?.alt ?? '')),
  },
  selectors: [
    { selector: 'div[style^="display:none"]', format: 'skip' },
    { selector: 'table.facts', format: 'facts' },
    { selector: 'img', format: 'imageAlt' },
    ...['h1', 'h2', 'h3'].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
});

/** Random texts of what the layout must render alike: white space, markup, entities, long words. */
function randomSource(seed: number) {
  const { next, pick, textOf } = seededRandom(seed);
  // White space html-to-text collapses (and the one it does not), markup, entities, long words.
  const pieces = [
    'mot',
    'é',
    ' ',
    '  ',
    '\t',
    '\n',
    '\n\n',
    '\r\n',
    '<',
    '>',
    '&',
    '"',
    "'",
    '\u00a0',
    '\u202f',
  ];
  const extra = ['\u200b', '🐝', '&amp;', '&nbsp;', '*', '#', '> ', 'https://exemple.fr/a?b=1&c=2', '\f'];
  const text = (max: number) => textOf([...pieces, ...extra], max);
  return { next, pick, text, chance: (p: number) => next() < p };
}

const hrefs = ['https://reseau.example/a', 'https://reseau.example/b?c=1&d=2', 'http://localhost:3000/z'];

function randomContent(random: ReturnType<typeof randomSource>): EmailContent {
  const { text, pick, chance } = random;
  const blockOf: Record<string, () => EmailBlock> = {
    paragraph: () => ({ kind: 'paragraph', text: text(12) }),
    facts: () => ({
      kind: 'facts',
      facts: [
        [text(4), text(6)],
        [text(3), { text: text(4) || 'lien', href: pick(hrefs) }],
      ],
    }),
    quote: () => ({ kind: 'quote', text: text(12) }),
    button: () => ({ kind: 'button', label: text(5) || 'Ouvrir', href: pick(hrefs) }),
    link: () => ({ kind: 'link', label: text(4) || 'lien', href: pick(hrefs), before: text(4) }),
  };
  return {
    brand: {
      siteName: text(6) || 'Réseau',
      logoUrl: chance(0.3) ? 'https://cdn.example/logo.png?w=360&h=120' : null,
      colour: pick([null, '#7a1f5c', '#fd0', '#fefefe']),
      postalAddress: chance(0.5) ? text(8) : null,
    },
    preheader: text(6),
    heading: text(6) || 'Titre',
    ...(chance(0.3) ? { banner: text(6) } : {}),
    blocks: Array.from({ length: Math.floor(random.next() * 6) }, () => pick(Object.values(blockOf))()),
    footer: text(8),
  };
}

// MJML's compiler is the slow part (about 5 ms a mail): generous on a busy machine.
describe('mails rendered without MJML and html-to-text', { timeout: 60_000 }, () => {
  it('give the HTML and text they gave, for 150 random mails', async () => {
    const random = randomSource(20261204);
    for (let i = 0; i < 150; i++) {
      const content = randomContent(random);
      const { html, text } = await renderEmail(content);
      expect(html, JSON.stringify(content)).toBe(await referenceHtml(emailMjml(content)));
      expect(text, JSON.stringify(content)).toBe(referenceText(html).replace(/\n{3,}/g, '\n\n'));
    }
  });

  it('render any tree of the components and attributes they know as MJML does', async () => {
    const random = randomSource(42);
    const { pick, text, chance } = random;
    const escaped = (max: number) =>
      text(max)
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;')
        .replaceAll('"', '&quot;');
    const component = (): MjmlNode =>
      pick([
        () => ({
          tagName: 'mj-text',
          attributes: {
            ...(chance(0.5) ? { color: pick(['#6b7280', '#5c4400']) } : {}),
            ...(chance(0.5) ? { 'font-size': pick(['12px', '20px']) } : {}),
            ...(chance(0.3) ? { 'font-weight': '700' } : {}),
          },
          content: `<p>${escaped(10)}</p>`,
        }),
        () => ({
          tagName: 'mj-button',
          attributes: {
            href: pick(hrefs).replaceAll('&', '&amp;'),
            'background-color': pick(['#1d4e89', '#7a1f5c']),
            color: pick(['#ffffff', '#1f2933']),
            align: pick(['left', 'center']),
          },
          content: escaped(5),
        }),
        () => ({
          tagName: 'mj-image',
          attributes: {
            src: 'https://cdn.example/i.png?a=1&amp;b=2',
            alt: escaped(4),
            ...(chance(0.7) ? { width: `${pick([120, 180, 544, 700])}px` } : {}),
            align: pick(['left', 'center']),
            ...(chance(0.5) ? { padding: pick(['4px 0 16px', '10px 25px', '0']) } : {}),
          },
        }),
      ])();
    for (let i = 0; i < 60; i++) {
      const sections = Array.from({ length: 1 + Math.floor(random.next() * 4) }, () => ({
        tagName: 'mj-section',
        attributes: {
          ...(chance(0.6) ? { 'background-color': pick(['#ffffff', '#1d4e89']) } : {}),
          padding: pick(['20px 28px', '28px 28px 12px', '16px 28px', '12px 28px', '0 10px 0 30px']),
        },
        children: [{ tagName: 'mj-column', attributes: {}, children: Array.from({ length: 3 }, component) }],
      }));
      const tree: MjmlNode = {
        tagName: 'mjml',
        attributes: { lang: 'fr' },
        children: [
          {
            tagName: 'mj-head',
            attributes: {},
            children: [
              { tagName: 'mj-title', attributes: {}, content: escaped(6) },
              { tagName: 'mj-preview', attributes: {}, content: escaped(6) },
              {
                tagName: 'mj-attributes',
                attributes: {},
                children: [
                  { tagName: 'mj-all', attributes: { 'font-family': 'Arial, Helvetica, sans-serif' } },
                  { tagName: 'mj-text', attributes: { 'font-size': '16px', 'line-height': '1.5' } },
                  {
                    tagName: 'mj-button',
                    attributes: { 'font-weight': '700', 'inner-padding': '12px 24px' },
                  },
                ],
              },
            ],
          },
          {
            tagName: 'mj-body',
            attributes: { width: '600px', 'background-color': '#f4f4f0' },
            children: sections,
          },
        ],
      };
      expect(renderMjml(tree), JSON.stringify(tree)).toBe(await referenceHtml(tree));
    }
  });

  it('read any markup of the tags they know into the text html-to-text gave', () => {
    const random = randomSource(7);
    const { pick, text, chance } = random;
    const words = () =>
      text(6)
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;')
        .replaceAll('"', '&quot;');
    const inline = (): string =>
      pick([
        words,
        () => `<strong>${words()}</strong>`,
        () => `<em>${words()}</em>`,
        () => `<a href="${pick(hrefs).replaceAll('&', '&amp;')}">${words()}</a>`,
        () => `${words()}<br>${words()}`,
        () => `<img alt="${words()}" src="https://cdn.example/i.png">`,
      ])();
    const inlines = () =>
      Array.from({ length: 1 + Math.floor(random.next() * 3) }, inline).join(pick(['', ' ']));
    const block = (): string =>
      pick([
        () => `<p>${inlines()}</p>`,
        () => {
          const level = pick([1, 2, 3]);
          return `<h${level}>${inlines()}</h${level}>`;
        },
        () => `<blockquote><p>${inlines()}</p>${chance(0.5) ? `<p>${inlines()}</p>` : ''}</blockquote>`,
        () => {
          const tag = pick(['ul', 'ol']);
          const items = Array.from(
            { length: 1 + Math.floor(random.next() * 11) },
            () => `<li>${inlines()}</li>`,
          );
          return `<${tag}>${items.join('')}</${tag}>`;
        },
        () =>
          `<table class="facts"><tr><th scope="row">${words()}</th><td>${inlines()}</td></tr><tr><th>${words()}</th><td>${words()}</td></tr></table>`,
        () => `<div style="border-top:1px solid #d8dde3">${inlines()}<p>${inlines()}</p></div>`,
        () => `<div style="display:none;font-size:1px">${words()}</div>`,
        () => `<table><tbody><tr><td>\n  ${inlines()}\n</td></tr></tbody></table>`,
      ])();
    for (let i = 0; i < 300; i++) {
      // Blocks side by side, between white space, or between inline words.
      const markup = Array.from({ length: 1 + Math.floor(random.next() * 5) }, block).join(
        pick(['', '\n    ', inline()]),
      );
      const html = `<!doctype html><html><head><title>t</title></head><body>${markup}</body></html>`;
      expect(textOfHtml(html), markup).toBe(referenceText(html));
    }
  });

  it('refuse what they do not know rather than render it otherwise', () => {
    const tree = (component: MjmlNode): MjmlNode => ({
      tagName: 'mjml',
      attributes: {},
      children: [
        {
          tagName: 'mj-head',
          attributes: {},
          children: [
            { tagName: 'mj-title', attributes: {}, content: 't' },
            { tagName: 'mj-preview', attributes: {}, content: 'p' },
          ],
        },
        {
          tagName: 'mj-body',
          attributes: { width: '600px' },
          children: [
            {
              tagName: 'mj-section',
              attributes: {},
              children: [{ tagName: 'mj-column', attributes: {}, children: [component] }],
            },
          ],
        },
      ],
    });
    expect(() => renderMjml(tree({ tagName: 'mj-divider', attributes: {} }))).toThrow('mj-divider');
    expect(() => renderMjml(tree({ tagName: 'mj-text', attributes: { 'css-class': 'x' } }))).toThrow(
      'css-class',
    );
    expect(() => textOfHtml('<body><video src="x"></video></body>')).toThrow('<video>');
    expect(() => textOfHtml('<body><p>a &eacute;</p></body>')).toThrow('&eacute;');
    expect(() => textOfHtml('<body><p>a</div></body>')).toThrow('does not close');
  });
});
