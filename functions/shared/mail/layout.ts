import { escape as escapeHtml } from 'html-escaper';

/** A block of an e-mail body: a paragraph, labelled facts, or a quotation of what someone wrote. */
export type EmailBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'facts'; readonly facts: readonly (readonly [label: string, value: string])[] }
  | { readonly kind: 'quote'; readonly text: string };

export interface EmailContent {
  readonly brand: { readonly siteName: string };
  /** Shown by mail clients next to the subject, hidden in the body. */
  readonly preheader: string;
  readonly heading: string;
  readonly blocks: readonly EmailBlock[];
  readonly footer: string;
}

/**
 * Renders the same content as accessible, table-based HTML (what mail clients still need)
 * and as plain text. Every value is escaped: visitors' words are never markup.
 */
export function renderEmail(content: EmailContent): { html: string; text: string } {
  return { html: renderHtml(content), text: renderText(content) };
}

const paragraphHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((para) => `<p style="margin:0 0 16px">${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');

function blockHtml(block: EmailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return paragraphHtml(block.text);
    case 'facts':
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${block.facts
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;color:#555;font-weight:600">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'quote':
      return `<blockquote style="margin:0 0 16px;padding:12px 16px;border-left:4px solid #e3a008;background:#fdf8ec">${paragraphHtml(block.text)}</blockquote>`;
  }
}

function renderHtml(content: EmailContent): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f0;font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</div>
<table role="presentation" width="100%" style="border-collapse:collapse"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:600px;border-collapse:collapse;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 28px;background:#1d4e89;color:#ffffff;font-size:18px;font-weight:700;border-radius:8px 8px 0 0">${escapeHtml(content.brand.siteName)}</td></tr>
<tr><td style="padding:28px">
<h1 style="margin:0 0 20px;font-size:22px">${escapeHtml(content.heading)}</h1>
${content.blocks.map(blockHtml).join('\n')}
</td></tr>
<tr><td style="padding:16px 28px;font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb">${escapeHtml(content.footer)}</td></tr>
</table></td></tr></table>
</body></html>`;
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.facts.map(([label, value]) => `${label}\u00a0: ${value}`).join('\n');
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
  }
}

function renderText(content: EmailContent): string {
  const blocks = content.blocks.map(blockText);
  return [content.heading, '', ...blocks.flatMap((block) => [block, '']), '--', content.footer, ''].join(
    '\n',
  );
}
