import { escape as escapeHtml } from 'html-escaper';
import type { FactValue, TextRun } from '../shared/mail/emailLayout.ts';
import {
  type CardBlock,
  type NewsletterBlock,
  type NewsletterForMail,
  newsletterBlocks,
} from './newsletterContent.ts';

/**
 * A sent newsletter as HTML for its archive page (`GET /newsletters/{slug}`, shown by
 * `<essaim-newsletter>`): the same blocks as its mail, as plain semantic markup styled by the
 * components' stylesheet (classes only: the pages' CSP allows no inline style). Nothing
 * personal: the greeting is « Bonjour, », and there are no preference or unsubscribe links.
 * Headings start at level 2 under the page's title; the component moves them to its level.
 */
export function newsletterPageHtml(newsletter: NewsletterForMail, now: Date): string {
  const blocks = newsletterBlocks(newsletter, now);
  const html = ['<p class="essaim-newsletter-greeting">Bonjour,</p>'];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as NewsletterBlock;
    if (block.kind !== 'card') {
      html.push(blockHtml(block));
      continue;
    }
    // Consecutive cards are one list, as the programme shows its cards.
    const cards: CardBlock[] = [block];
    while (blocks[index + 1]?.kind === 'card') cards.push(blocks[++index] as CardBlock);
    html.push(`<ul class="essaim-cards">${cards.map(cardHtml).join('')}</ul>`);
  }
  return html.join('\n');
}

function blockHtml(block: Exclude<NewsletterBlock, CardBlock>): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return block.text
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
        .join('');
    case 'richText':
      return block.quote
        ? `<blockquote><p>${runsHtml(block.runs)}</p></blockquote>`
        : `<p>${runsHtml(block.runs)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((runs) => `<li>${runsHtml(runs)}</li>`).join('')}</${tag}>`;
    }
    case 'image':
      return `<figure class="essaim-newsletter-image"><img src="${escapeHtml(block.src)}" alt="${escapeHtml(block.alt)}"${block.width ? ` width="${Math.min(block.width, 600)}"` : ''} loading="lazy"></figure>`;
  }
}

function runsHtml(runs: readonly TextRun[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text).replace(/\r?\n/g, '<br>');
      if (run.href) html = `<a href="${escapeHtml(run.href)}">${html}</a>`;
      if (run.italic) html = `<em>${html}</em>`;
      return run.bold ? `<strong>${html}</strong>` : html;
    })
    .join('');
}

const factHtml = (value: FactValue): string =>
  typeof value === 'string'
    ? escapeHtml(value)
    : `<a href="${escapeHtml(value.href)}">${escapeHtml(value.text)}</a>`;

function cardHtml(card: CardBlock): string {
  const title = card.href
    ? `<a href="${escapeHtml(card.href)}">${escapeHtml(card.title)}</a>`
    : escapeHtml(card.title);
  const facts = card.facts
    .map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${factHtml(value)}</dd></div>`)
    .join('');
  // The button names its event for whoever lists the page's links.
  const button = card.button
    ? `<p><a class="essaim-button" href="${escapeHtml(card.button.href)}">${escapeHtml(card.button.label)}<span class="essaim-visually-hidden"> : ${escapeHtml(card.title)}</span></a></p>`
    : '';
  return `<li class="essaim-card"><h3 class="essaim-card-title">${title}</h3>${facts ? `<dl class="essaim-facts">${facts}</dl>` : ''}${card.text ? `<p class="essaim-card-summary">${escapeHtml(card.text)}</p>` : ''}${button}</li>`;
}
