/**
 * The layout of every e-mail, written in MJML: the table-based, responsive, Outlook-proof HTML
 * mail clients still need (bulletproof buttons, conditional comments). The tree is built in
 * MJML's JSON form and rendered by `mjmlRenderer.ts` to the very HTML MJML's compiler writes
 * for it (a unit test compares them, and checks the tree with MJML's strict validator): the
 * compiler, 1.5 MiB with cheerio, stays out of the functions. Not minified: a few KB, far below
 * Gmail's 102 KB clipping. The text part is read from the rendered HTML (`htmlText.ts`, as
 * html-to-text did): the two cannot drift.
 */
import { escape as escapeHtml } from 'html-escaper';
import { DEFAULT_BRAND_COLOUR, type Palette, palette, TEXT_COLOUR } from './brandPalette.ts';
import { factsTableClass, textOfHtml } from './htmlText.ts';
import { isMailableUrl } from './mailableUrl.ts';
import { type MjmlNode, renderMjml } from './mjmlRenderer.ts';

export { DEFAULT_BRAND_COLOUR, isMailableUrl };

/** Branding from the Studio's site settings. */
export interface EmailBrand {
  readonly siteName: string;
  readonly logoUrl?: string | null;
  readonly colour?: string | null;
  readonly postalAddress?: string | null;
}

/** A fact's value: plain text, or text linking somewhere. */
export type FactValue = string | { readonly text: string; readonly href: string };

/** A run of rich text (an editor's words): bold, italic, or a link. */
export interface TextRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly href?: string;
}

/** A block of an e-mail body. Every text is plain text (escaped); every href must be https. */
export type EmailBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'facts'; readonly facts: readonly (readonly [label: string, value: FactValue])[] }
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'button'; readonly label: string; readonly href: string }
  | { readonly kind: 'link'; readonly label: string; readonly href: string; readonly before?: string }
  | { readonly kind: 'heading'; readonly level: 2 | 3; readonly text: string }
  | { readonly kind: 'richText'; readonly runs: readonly TextRun[]; readonly quote?: boolean }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly TextRun[])[] }
  /** `width`: the image's own width in pixels; it is shown at that width, or the card's. */
  | { readonly kind: 'image'; readonly src: string; readonly alt: string; readonly width?: number | null }
  /** A card: a title (a link when `href`), facts, a text, and a button below. */
  | {
      readonly kind: 'card';
      readonly title: string;
      readonly href?: string;
      readonly facts: readonly (readonly [label: string, value: FactValue])[];
      readonly text?: string;
      readonly button?: { readonly label: string; readonly href: string };
    };

/** A link of the footer (preferences, unsubscribe). */
export interface FooterLink {
  readonly label: string;
  readonly href: string;
}

export interface EmailContent {
  readonly brand: EmailBrand;
  /** Shown by mail clients next to the subject, hidden in the body. */
  readonly preheader: string;
  readonly heading: string;
  readonly blocks: readonly EmailBlock[];
  readonly footer: string;
  /** Links under the footer's text, on one line. */
  readonly footerLinks?: readonly FooterLink[];
  /** A strip above the heading, e.g. « Ceci est un envoi de test ». */
  readonly banner?: string;
}

/** MJML's JSON form of a document: what its XML parser would produce. */
type MJMLJsonObject = MjmlNode;

/** Long words and URLs break instead of stretching the card on a phone. */
const WRAP = 'overflow-wrap:anywhere;word-break:break-word';
const FACTS_CLASS = factsTableClass;
const BANNER_SECTION = { 'background-color': '#fff4ce', padding: '12px 28px' };
const BANNER = { 'font-weight': '700', color: '#5c4400' };
/** The card's inner width: 600 px less its padding. */
const CONTENT_WIDTH = 544;

/**
 * Renders the content as HTML and as plain text (asynchronous, as MJML's compiler was).
 * Throws on an href that is not https (http only for localhost): that is a programming error.
 */
export async function renderEmail(content: EmailContent): Promise<{ html: string; text: string }> {
  const html = renderMjml(emailMjml(content));
  // Nested layout tables leave runs of blank lines behind; one blank line is enough.
  return { html, text: textOfHtml(html).replace(/\n{3,}/g, '\n\n') };
}

/** The MJML tree of a message (exported for the tests, which validate it strictly). */
export function emailMjml(content: EmailContent): MJMLJsonObject {
  const colours = palette(content.brand.colour);
  const { siteName, logoUrl, postalAddress } = content.brand;
  const logo = logoUrl ? URL.parse(logoUrl) : null;
  const banner = content.banner
    ? [section(BANNER_SECTION, [text(BANNER, paragraphsHtml(content.banner))])]
    : [];
  const footer =
    paragraphsHtml(content.footer) +
    footerLinksHtml(content.footerLinks ?? [], colours.linkColour) +
    (postalAddress ? paragraphsHtml(postalAddress) : '');
  return mj('mjml', { lang: 'fr' }, [
    mj('mj-head', {}, [
      mj('mj-title', {}, escapeHtml(content.heading)),
      mj('mj-preview', {}, escapeHtml(content.preheader)),
      HEAD_ATTRIBUTES,
    ]),
    mj('mj-body', { width: '600px', 'background-color': '#f4f4f0' }, [
      section({ 'background-color': colours.colour, padding: '20px 28px' }, [
        // The logo is an editor's setting, not code: a wrong one falls back to the name.
        logo?.protocol === 'https:'
          ? mj('mj-image', { src: attr(logo.href), alt: attr(siteName), width: '180px', align: 'left' })
          : text(
              { color: colours.onColour, 'font-size': '20px', 'font-weight': '700' },
              escapeHtml(siteName),
            ),
      ]),
      ...banner,
      section({ 'background-color': '#ffffff', padding: '28px 28px 12px' }, [
        text(
          {},
          `<h1 style="margin:0 0 12px;font-size:22px;line-height:1.3;${WRAP}">${escapeHtml(content.heading)}</h1>`,
        ),
        ...content.blocks.flatMap((block) => blockMjml(block, colours)),
      ]),
      section({ padding: '16px 28px' }, [text({ 'font-size': '12px', color: '#6b7280' }, footer)]),
    ]),
  ]);
}

function blockMjml(block: EmailBlock, colours: Palette): MJMLJsonObject | MJMLJsonObject[] {
  const { linkColour } = colours;
  switch (block.kind) {
    case 'paragraph':
      return text({}, paragraphsHtml(block.text));
    case 'facts':
      return text({}, factsHtml(block.facts, linkColour));
    case 'quote':
      return text({}, blockquoteHtml(paragraphsHtml(block.text)));
    case 'button':
      return buttonMjml(block.label, block.href, colours);
    case 'link': {
      const before = block.before ? `${escapeHtml(block.before)} ` : '';
      return text(
        {},
        `<p style="margin:0;${WRAP}">${before}${anchorHtml(block.label, block.href, linkColour)}</p>`,
      );
    }
    case 'heading':
      return text({}, headingHtml(block.level, escapeHtml(block.text)));
    case 'richText': {
      const paragraph = `<p style="margin:0 0 12px;${WRAP}">${runsHtml(block.runs, linkColour)}</p>`;
      return text({}, block.quote ? blockquoteHtml(paragraph) : paragraph);
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map(
        (runs) => `<li style="margin:0 0 4px;${WRAP}">${runsHtml(runs, linkColour)}</li>`,
      );
      return text({}, `<${tag} style="margin:0 0 12px;padding-left:24px">${items.join('')}</${tag}>`);
    }
    case 'image':
      return mj('mj-image', {
        src: attr(safeHref(block.src)),
        alt: attr(block.alt),
        width: `${Math.min(block.width || CONTENT_WIDTH, CONTENT_WIDTH)}px`,
        align: 'center',
        padding: '4px 0 16px',
      });
    case 'card': {
      const title = block.href ? anchorHtml(block.title, block.href, linkColour) : escapeHtml(block.title);
      const summary = block.text ? paragraphsHtml(block.text) : '';
      const card = text(
        {},
        `<div style="border-top:1px solid #d8dde3;padding-top:16px">${headingHtml(3, title)}${factsHtml(block.facts, linkColour)}${summary}</div>`,
      );
      return block.button ? [card, buttonMjml(block.button.label, block.button.href, colours)] : [card];
    }
  }
}

function buttonMjml(label: string, href: string, colours: Palette): MJMLJsonObject {
  return mj(
    'mj-button',
    {
      href: attr(safeHref(href)),
      'background-color': colours.buttonColour,
      color: colours.onButtonColour,
      align: 'left',
    },
    escapeHtml(label),
  );
}

/** `content` is HTML already escaped. */
const headingHtml = (level: 2 | 3, content: string): string =>
  `<h${level} style="margin:20px 0 8px;font-size:${level === 2 ? 19 : 17}px;line-height:1.3;${WRAP}">${content}</h${level}>`;

const blockquoteHtml = (html: string): string =>
  `<blockquote style="margin:0;padding:12px 16px 0;border-left:4px solid #e3a008;background:#fdf8ec">${html}</blockquote>`;

/** An editor's runs of text: escaped, their line breaks kept, bold, italic and links as markup. */
function runsHtml(runs: readonly TextRun[], linkColour: string): string {
  return runs
    .map((run) => {
      let html = run.href
        ? anchorHtml(run.text, run.href, linkColour).replace(/\r?\n/g, '<br>')
        : escapeHtml(run.text).replace(/\r?\n/g, '<br>');
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function footerLinksHtml(links: readonly FooterLink[], linkColour: string): string {
  if (links.length === 0) return '';
  return `<p style="margin:0 0 12px;${WRAP}">${links.map((link) => anchorHtml(link.label, link.href, linkColour)).join(' · ')}</p>`;
}

function factsHtml(facts: readonly (readonly [string, FactValue])[], linkColour: string): string {
  const rows = facts.map(([label, value]) => {
    const valueHtml =
      typeof value === 'string' ? escapeHtml(value) : anchorHtml(value.text, value.href, linkColour);
    return `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;color:#555;font-weight:600;white-space:nowrap;width:1%">${escapeHtml(label)}</th><td style="vertical-align:top;padding:4px 0;${WRAP}">${valueHtml}</td></tr>`;
  });
  return `<table class="${FACTS_CLASS}" style="border-collapse:collapse;width:100%">${rows.join('')}</table>`;
}

const anchorHtml = (label: string, href: string, colour: string): string =>
  `<a href="${attr(safeHref(href))}" style="color:${colour};${WRAP}">${escapeHtml(label)}</a>`;

/** Blank lines split paragraphs; a single newline is a line break. */
const paragraphsHtml = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .filter((para) => para.trim() !== '')
    .map(
      (para) => `<p style="margin:0 0 12px;${WRAP}">${escapeHtml(para.trim()).replace(/\r?\n/g, '<br>')}</p>`,
    )
    .join('');

/** Only absolute https URLs, or http for a local development host. */
function safeHref(href: string): string {
  const url = URL.parse(href);
  if (!url || !isMailableUrl(href)) {
    // The href itself is not in the message: it may hold a personal token.
    throw new Error('E-mail link must be an absolute https: URL (http: only for localhost)');
  }
  if (url.username || url.password) throw new Error('E-mail link must not carry credentials in its URL');
  return url.href;
}

/** MJML copies attribute values verbatim into the HTML. */
const attr = (value: string): string => escapeHtml(value);

function mj(
  tagName: string,
  attributes: Record<string, string>,
  body?: string | MJMLJsonObject[],
): MJMLJsonObject {
  if (body === undefined) return { tagName, attributes };
  return typeof body === 'string'
    ? { tagName, attributes, content: body }
    : { tagName, attributes, children: body };
}

const section = (attributes: Record<string, string>, children: MJMLJsonObject[]): MJMLJsonObject =>
  mj('mj-section', attributes, [mj('mj-column', {}, children)]);

const text = (attributes: Record<string, string>, html: string): MJMLJsonObject =>
  mj('mj-text', attributes, html);

// Built once per cold start and reused by every message.
const HEAD_ATTRIBUTES = mj('mj-attributes', {}, [
  mj('mj-all', { 'font-family': 'Arial, Helvetica, sans-serif' }),
  // Paragraphs carry their own bottom margin: the block adds little on top.
  mj('mj-text', { 'font-size': '16px', 'line-height': '1.5', color: TEXT_COLOUR, padding: '0 0 4px' }),
  mj('mj-button', { 'font-weight': '700', padding: '4px 0 20px', 'inner-padding': '12px 24px' }),
]);
