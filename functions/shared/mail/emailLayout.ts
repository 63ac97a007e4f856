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
import { factsTableClass, textOfHtml } from './htmlText.ts';
import { isMailableUrl } from './mailableUrl.ts';
import { type MjmlNode, renderMjml } from './mjmlRenderer.ts';

export { isMailableUrl };

/** Branding from the Studio's site settings. */
export interface EmailBrand {
  readonly siteName: string;
  readonly logoUrl?: string | null;
  readonly colour?: string | null;
  readonly postalAddress?: string | null;
}

/** A fact's value: plain text, or text linking somewhere. */
export type FactValue = string | { readonly text: string; readonly href: string };

/** A block of an e-mail body. Every text is plain text (escaped); every href must be https. */
export type EmailBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'facts'; readonly facts: readonly (readonly [label: string, value: FactValue])[] }
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'button'; readonly label: string; readonly href: string }
  | { readonly kind: 'link'; readonly label: string; readonly href: string; readonly before?: string };

export interface EmailContent {
  readonly brand: EmailBrand;
  /** Shown by mail clients next to the subject, hidden in the body. */
  readonly preheader: string;
  readonly heading: string;
  readonly blocks: readonly EmailBlock[];
  readonly footer: string;
  /** A strip above the heading, e.g. « Ceci est un envoi de test ». */
  readonly banner?: string;
}

/** MJML's JSON form of a document: what its XML parser would produce. */
type MJMLJsonObject = MjmlNode;

export const DEFAULT_BRAND_COLOUR = '#1d4e89';
const TEXT_COLOUR = '#1f2933';
/** Long words and URLs break instead of stretching the card on a phone. */
const WRAP = 'overflow-wrap:anywhere;word-break:break-word';
const FACTS_CLASS = factsTableClass;
const BANNER_SECTION = { 'background-color': '#fff4ce', padding: '12px 28px' };
const BANNER = { 'font-weight': '700', color: '#5c4400' };

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
  const footer = paragraphsHtml(content.footer) + (postalAddress ? paragraphsHtml(postalAddress) : '');
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
        ...content.blocks.map((block) => blockMjml(block, colours)),
      ]),
      section({ padding: '16px 28px' }, [text({ 'font-size': '12px', color: '#6b7280' }, footer)]),
    ]),
  ]);
}

function blockMjml(block: EmailBlock, { buttonColour, onButtonColour, linkColour }: Palette): MJMLJsonObject {
  switch (block.kind) {
    case 'paragraph':
      return text({}, paragraphsHtml(block.text));
    case 'facts':
      return text({}, factsHtml(block.facts, linkColour));
    case 'quote':
      return text(
        {},
        `<blockquote style="margin:0;padding:12px 16px 0;border-left:4px solid #e3a008;background:#fdf8ec">${paragraphsHtml(block.text)}</blockquote>`,
      );
    case 'button':
      return mj(
        'mj-button',
        {
          href: attr(safeHref(block.href)),
          'background-color': buttonColour,
          color: onButtonColour,
          align: 'left',
        },
        escapeHtml(block.label),
      );
    case 'link': {
      const before = block.before ? `${escapeHtml(block.before)} ` : '';
      return text(
        {},
        `<p style="margin:0;${WRAP}">${before}${anchorHtml(block.label, block.href, linkColour)}</p>`,
      );
    }
  }
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

/** The brand colour, the text colour that reads on it, and a link colour that reads on white. */
function palette(colourSetting: string | null | undefined) {
  const colour = brandColour(colourSetting);
  const onColour = readableTextOn(colour);
  // A near-white brand colour would make buttons vanish on the white card: they take the default.
  const buttonColour = luminanceOf(colour) > 0.8 ? DEFAULT_BRAND_COLOUR : colour;
  return {
    colour,
    onColour,
    buttonColour,
    onButtonColour: readableTextOn(buttonColour),
    linkColour: onColour === '#ffffff' ? colour : DEFAULT_BRAND_COLOUR,
  };
}
type Palette = ReturnType<typeof palette>;

/** The brand colour goes into CSS and attributes: only a hex colour is let through, as #rrggbb. */
function brandColour(colour: string | null | undefined): string {
  if (!colour || !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(colour)) return DEFAULT_BRAND_COLOUR;
  const hex = colour.toLowerCase();
  return hex.length === 4 ? hex.replace(/[0-9a-f]/g, (digit) => digit + digit) : hex;
}

/** White or dark text, whichever contrasts more with the colour (WCAG relative luminance). */
function readableTextOn(hex: string): string {
  return luminanceOf(hex) > 0.179 ? TEXT_COLOUR : '#ffffff';
}

/** WCAG relative luminance of a #rrggbb colour: 0 black, 1 white. */
function luminanceOf(hex: string): number {
  const weights = [0.2126, 0.7152, 0.0722];
  return weights.reduce((sum, weight, i) => {
    const channel = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return sum + weight * (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
  }, 0);
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
