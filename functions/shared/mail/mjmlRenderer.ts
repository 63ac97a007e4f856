/**
 * Renders the MJML tree of a mail (`emailLayout.ts`) to the HTML `mjml2html` writes for it,
 * byte for byte (a unit test compares both on every layout the mails use). MJML remains how the
 * layout is written and checked; this module is how it ships: MJML's compiler (1.1 MiB, with
 * cheerio) weighed more than all the rest of a mail-sending function. It knows the components
 * and attributes the layout uses (one column per section; text, button and image) and throws on
 * anything else, so a layout that grows is caught by the test, never sent half-rendered.
 */

/** MJML's JSON form of a document: what its XML parser would produce. */
export interface MjmlNode {
  tagName: string;
  attributes: Record<string, string>;
  children?: MjmlNode[];
  content?: string;
}

type Attributes = Record<string, string>;

/** MJML's own defaults of the components rendered here (mjml 5). */
const componentDefaults: Record<string, Attributes> = {
  'mj-text': {
    align: 'left',
    color: '#000000',
    'font-family': 'Ubuntu, Helvetica, Arial, sans-serif',
    'font-size': '13px',
    'line-height': '1',
    padding: '10px 25px',
  },
  'mj-button': {
    align: 'center',
    'background-color': '#414141',
    border: 'none',
    'border-radius': '3px',
    color: '#ffffff',
    'font-family': 'Ubuntu, Helvetica, Arial, sans-serif',
    'font-size': '13px',
    'font-weight': 'normal',
    'inner-padding': '10px 25px',
    'line-height': '120%',
    padding: '10px 25px',
    target: '_blank',
    'text-decoration': 'none',
    'text-transform': 'none',
    'vertical-align': 'middle',
  },
  'mj-image': {
    alt: '',
    align: 'center',
    border: '0',
    height: 'auto',
    padding: '10px 25px',
    'font-size': '13px',
  },
};

/** What may be set on each component; anything else is refused rather than ignored. */
const settable: Record<string, readonly string[]> = {
  'mj-text': ['align', 'color', 'font-family', 'font-size', 'font-weight', 'line-height', 'padding'],
  'mj-button': [
    'align',
    'background-color',
    'color',
    'font-family',
    'font-weight',
    'href',
    'inner-padding',
    'padding',
  ],
  'mj-image': ['align', 'alt', 'padding', 'src', 'width'],
  'mj-section': ['background-color', 'padding'],
};

const bodyWidth = 600;

export function renderMjml(document: MjmlNode): string {
  expectTag(document, 'mjml');
  const head = childNamed(document, 'mj-head');
  const body = childNamed(document, 'mj-body');
  const lang = document.attributes.lang ?? 'und';
  // MJML trims every content it copies.
  const title = contentOf(childNamed(head, 'mj-title'));
  const preview = contentOf(childNamed(head, 'mj-preview'));
  const classDefaults = attributeClasses(head);
  if (body.attributes.width !== `${bodyWidth}px`) throw new Error('mj-body must be 600px wide');
  const background = body.attributes['background-color'] ?? '';
  const sections = (body.children ?? []).map((section) => sectionHtml(section, classDefaults));
  const hasImage = sections.some((section) => section.hasImage);
  const between = '\n      \n      ';
  return (
    documentStart(lang, title, hasImage) +
    `<body  style="word-spacing:normal;background-color:${background};">\n        \n${previewHtml(preview)}        <div\n           ${title ? `aria-label="${title}" ` : ''}aria-roledescription="email" role="article" lang="${lang}" dir="auto" style="word-spacing:normal;background-color:${background};"\n        >\n        \n      \n      ` +
    sections
      .map(
        (section, index) =>
          `<!--[if mso | IE]>${index > 0 ? '</td></tr></table>' : ''}${outlookSectionTable(section.background)}<![endif]-->${section.html}`,
      )
      .join(between) +
    `${between}<!--[if mso | IE]></td></tr></table><![endif]-->\n    \n    \n      </div>\n      </body>\n    \n</html>\n  `
  );
}

/** What mail clients show beside the subject, hidden in the body (none without a preview). */
const previewHtml = (preview: string): string =>
  preview
    ? `    <div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">${preview}</div>\n  \n`
    : '';

function documentStart(lang: string, title: string, hasImage: boolean): string {
  const imageStyle = hasImage
    ? '<style type="text/css">\n\n    @media only screen and (max-width:479px) {\n      table.mj-full-width-mobile { width: 100% !important; }\n      td.mj-full-width-mobile { width: auto !important; }\n    }\n  \n    </style>\n    '
    : '';
  return `<!doctype html>\n<html lang="${lang}" dir="auto" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">\n  <head>\n    <title>${title}</title>\n    <!--[if !mso]><!-->\n    <meta http-equiv="X-UA-Compatible" content="IE=edge">\n    <!--<![endif]-->\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n    <meta name="viewport" content="width=device-width, initial-scale=1">\n    <style type="text/css">\n      #outlook a { padding:0; }\n      body { margin:0;padding:0;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%; }\n      table, td { border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt; }\n      img { border:0;height:auto;line-height:100%; outline:none;text-decoration:none;-ms-interpolation-mode:bicubic; }\n      p { display:block;margin:13px 0; }\n    </style>\n    <!--[if mso]>\n    <noscript>\n    <xml>\n    <o:OfficeDocumentSettings>\n      <o:AllowPNG/>\n      <o:PixelsPerInch>96</o:PixelsPerInch>\n    </o:OfficeDocumentSettings>\n    </xml>\n    </noscript>\n    <![endif]-->\n    <!--[if lte mso 11]>\n    <style type="text/css">\n      .mj-outlook-group-fix { width:100% !important; }\n    </style>\n    <![endif]-->\n    \n    \n    <style type="text/css">\n      @media only screen and (min-width:480px) {\n        .mj-column-per-100 { width:100% !important; max-width: 100%; }\n      }\n    </style>\n    <style media="screen and (min-width:480px)">\n      .moz-text-html .mj-column-per-100 { width:100% !important; max-width: 100%; }\n    </style>\n    \n    \n  \n    \n    ${imageStyle}\n    \n  </head>\n  \n      `;
}

const outlookSectionTable = (background: string | undefined): string =>
  `<table align="center" border="0" cellpadding="0" cellspacing="0" class="" role="presentation" style="width:${bodyWidth}px;" width="${bodyWidth}" ${background ? `bgcolor="${background}" ` : ''}><tr><td style="line-height:0px;font-size:0px;mso-line-height-rule:exactly;">`;

/** `mj-attributes`: defaults for every component (`mj-all`) and for each kind. */
function attributeClasses(head: MjmlNode): Record<string, Attributes> {
  const classes: Record<string, Attributes> = {};
  for (const node of head.children ?? []) {
    if (node.tagName !== 'mj-attributes') continue;
    for (const defaults of node.children ?? []) classes[defaults.tagName] = { ...defaults.attributes };
  }
  return classes;
}

function sectionHtml(
  section: MjmlNode,
  classes: Record<string, Attributes>,
): { html: string; background: string | undefined; hasImage: boolean } {
  expectTag(section, 'mj-section');
  refuseUnknown(section, settable['mj-section'] ?? []);
  const [column, ...more] = section.children ?? [];
  if (
    !column ||
    more.length > 0 ||
    column.tagName !== 'mj-column' ||
    Object.keys(column.attributes).length > 0
  )
    throw new Error('Each mj-section holds one mj-column, without attributes');
  const background = section.attributes['background-color'];
  const padding = section.attributes.padding ?? '20px 0';
  const columnWidth = bodyWidth - horizontalPadding(padding);
  const backgroundStyle = background ? `background:${background};background-color:${background};` : '';
  const cells = (column.children ?? []).map((node) => cellHtml(node, classes, columnWidth));
  return {
    background,
    hasImage: (column.children ?? []).some((node) => node.tagName === 'mj-image'),
    html: `\n    \n      \n      <div  style="${backgroundStyle}margin:0px auto;max-width:${bodyWidth}px;">\n        \n        <table\n           align="center" border="0" cellpadding="0" cellspacing="0" role="presentation" style="${backgroundStyle}width:100%;"\n        >\n          <tbody>\n            <tr>\n              <td\n                 style="direction:ltr;font-size:0px;padding:${padding};text-align:center;"\n              >\n                <!--[if mso | IE]><table role="presentation" border="0" cellpadding="0" cellspacing="0"><tr><td class="" style="vertical-align:top;width:${columnWidth}px;" ><![endif]-->\n            \n      <div\n         class="mj-column-per-100 mj-outlook-group-fix" style="font-size:0px;text-align:left;direction:ltr;display:inline-block;vertical-align:top;width:100%;"\n      >\n        \n      <table\n         border="0" cellpadding="0" cellspacing="0" role="presentation" style="vertical-align:top;" width="100%"\n      >\n        <tbody>\n          ${cells.join('')}\n        </tbody>\n      </table>\n    \n      </div>\n    \n          <!--[if mso | IE]></td></tr></table><![endif]-->\n              </td>\n            </tr>\n          </tbody>\n        </table>\n        \n      </div>\n    `,
  };
}

/** One component of a column, in the cell MJML gives it. */
function cellHtml(node: MjmlNode, classes: Record<string, Attributes>, columnWidth: number): string {
  refuseUnknown(node, settable[node.tagName] ?? []);
  const attributes: Attributes = {
    ...componentDefaults[node.tagName],
    ...classes['mj-all'],
    ...classes[node.tagName],
    ...node.attributes,
  };
  const component =
    node.tagName === 'mj-text'
      ? textHtml(attributes, contentOf(node))
      : node.tagName === 'mj-button'
        ? buttonHtml(attributes, contentOf(node))
        : imageHtml(attributes, columnWidth);
  return `\n              <tr>\n                <td\n                   align="${attributes.align}" style="font-size:0px;padding:${attributes.padding};word-break:break-word;"\n                >\n                  ${component}\n                </td>\n              </tr>\n            `;
}

function textHtml(attributes: Attributes, content: string): string {
  const style = styleOf([
    ['font-family', attributes['font-family']],
    ['font-size', attributes['font-size']],
    ['font-weight', attributes['font-weight']],
    ['line-height', attributes['line-height']],
    ['text-align', attributes.align],
    ['color', attributes.color],
  ]);
  return `\n      <div\n         style="${style}"\n      >${content}</div>\n    `;
}

function buttonHtml(attributes: Attributes, content: string): string {
  const background = attributes['background-color'];
  const td = styleOf([
    ['border', attributes.border],
    ['border-radius', attributes['border-radius']],
    ['cursor', 'auto'],
    ['mso-padding-alt', attributes['inner-padding']],
    ['background', background],
  ]);
  const link = styleOf([
    ['display', 'inline-block'],
    ['background', background],
    ['color', attributes.color],
    ['font-family', attributes['font-family']],
    ['font-size', attributes['font-size']],
    ['font-weight', attributes['font-weight']],
    ['line-height', attributes['line-height']],
    ['margin', '0'],
    ['text-decoration', attributes['text-decoration']],
    ['text-transform', attributes['text-transform']],
    ['padding', attributes['inner-padding']],
    ['mso-padding-alt', '0px'],
    ['border-radius', attributes['border-radius']],
  ]);
  if (!attributes.href) throw new Error('mj-button without href');
  return `\n      <table\n         border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:separate;line-height:100%;"\n      >\n        <tbody>\n          <tr>\n            <td\n               align="center" bgcolor="${background}" role="presentation" style="${td}" valign="${attributes['vertical-align']}"\n            >\n              <a\n                 href="${attributes.href}" style="${link}" target="${attributes.target}"\n              >\n                ${content}\n              </a>\n            </td>\n          </tr>\n        </tbody>\n      </table>\n    `;
}

function imageHtml(attributes: Attributes, columnWidth: number): string {
  const box = columnWidth - horizontalPadding(attributes.padding ?? '');
  const width = Math.min(
    box,
    attributes.width ? Number.parseInt(attributes.width, 10) : Number.POSITIVE_INFINITY,
  );
  const style = styleOf([
    ['border', attributes.border],
    ['display', 'block'],
    ['outline', 'none'],
    ['text-decoration', 'none'],
    ['height', attributes.height],
    ['width', '100%'],
    ['font-size', attributes['font-size']],
  ]);
  return `\n      <table\n         border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:collapse;border-spacing:0px;"\n      >\n        <tbody>\n          <tr>\n            <td  style="width:${width}px;">\n              \n      <img\n         alt="${attributes.alt}" src="${attributes.src}" style="${style}" width="${width}" height="auto"\n      />\n    \n            </td>\n          </tr>\n        </tbody>\n      </table>\n    `;
}

const styleOf = (entries: readonly (readonly [string, string | undefined])[]): string =>
  entries.map(([property, value]) => (value === undefined ? '' : `${property}:${value};`)).join('');

/** Left plus right of a CSS padding shorthand in px (`20px 28px`, `28px 28px 12px`…). */
function horizontalPadding(padding: string): number {
  const values = padding
    .trim()
    .split(/\s+/)
    .map((value) => Number.parseInt(value, 10) || 0);
  const [, right = values[0] ?? 0, , left = right] = values;
  return right + left;
}

const contentOf = (node: MjmlNode): string => (node.content ?? '').trim();

function expectTag(node: MjmlNode, tagName: string): void {
  if (node.tagName !== tagName) throw new Error(`Expected <${tagName}>, found <${node.tagName}>`);
}

function childNamed(node: MjmlNode, tagName: string): MjmlNode {
  const child = node.children?.find((candidate) => candidate.tagName === tagName);
  if (!child) throw new Error(`<${node.tagName}> has no <${tagName}>`);
  return child;
}

function refuseUnknown(node: MjmlNode, allowed: readonly string[]): void {
  if (!(node.tagName in settable)) throw new Error(`<${node.tagName}> is not rendered without MJML`);
  for (const name of Object.keys(node.attributes))
    if (!allowed.includes(name)) throw new Error(`<${node.tagName} ${name}> is not rendered without MJML`);
}
