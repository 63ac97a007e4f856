import { registrationState } from '../programme/registrationState.ts';
import type { NewsletterForMailQueryResult } from '../shared/content/sanity.types.ts';
import { eventPeriod, eventPlace, frenchDate } from '../shared/french.ts';
import { type EmailBlock, isMailableUrl, type TextRun } from '../shared/mail/emailLayout.ts';
import { eventPageUrl, pageUrl } from '../shared/pageLinks.ts';

/** A published newsletter as `newsletterForMailQuery` gives it. */
export type NewsletterForMail = NonNullable<NewsletterForMailQueryResult>;

type TextBlock = Extract<NonNullable<NewsletterForMail['introduction']>[number], { _type: 'block' }>;
type SectionItem = NonNullable<NonNullable<NewsletterForMail['sections']>[number]['items']>[number];
export type EventItem = Extract<SectionItem, { _type: 'event' }>;
export type ArticleItem = Extract<SectionItem, { _type: 'article' }>;

/** Where a sent newsletter is read on the web (the archive's page): « Voir dans le navigateur ». */
export const archivePageUrl = (slug: string | null): string => pageUrl('newsletter', { lettre: slug ?? '' });

/** The blocks a newsletter is made of, for its mail and its archive page alike. */
export type NewsletterBlock = Extract<
  EmailBlock,
  { kind: 'heading' | 'paragraph' | 'richText' | 'list' | 'image' | 'card' }
>;
export type CardBlock = Extract<EmailBlock, { kind: 'card' }>;

/**
 * The editor's text and sections as blocks: Portable Text's paragraphs, headings, quotes and
 * lists, images with their alternative text, and one card per article or event. `now` decides
 * whether an event's card offers « S’inscrire » (the programme's own rule). What the Content
 * Lake could hold but a mail cannot show is left out, never an error: a link to anything but
 * an https page keeps its words without the link, an image without an address is dropped.
 */
export function newsletterBlocks(newsletter: NewsletterForMail, now: Date): NewsletterBlock[] {
  return [
    ...portableTextBlocks(newsletter.introduction ?? []),
    ...(newsletter.sections ?? []).flatMap((section): NewsletterBlock[] => [
      { kind: 'heading', level: 2, text: section.heading ?? '' },
      ...(section.text?.trim() ? [{ kind: 'paragraph' as const, text: section.text }] : []),
      // A reference to a document that is not published (or no longer) resolves to null.
      ...(section.items ?? []).filter((item) => item !== null).map((item) => cardOf(item, now)),
    ]),
  ];
}

function portableTextBlocks(blocks: NonNullable<NewsletterForMail['introduction']>): NewsletterBlock[] {
  const result: NewsletterBlock[] = [];
  for (const block of blocks) {
    if (block._type === 'accessibleImage') {
      if (block.url && isMailableUrl(block.url))
        result.push({ kind: 'image', src: block.url, alt: block.alt ?? '', width: block.width });
      continue;
    }
    const runs = runsOf(block);
    if (block.listItem) {
      const ordered = block.listItem === 'number';
      const previous = result.at(-1);
      // Consecutive list items of one kind are one list (nested levels are flattened).
      if (previous?.kind === 'list' && previous.ordered === ordered) {
        result[result.length - 1] = { ...previous, items: [...previous.items, runs] };
      } else {
        result.push({ kind: 'list', ordered, items: [runs] });
      }
    } else if (block.style === 'h2' || block.style === 'h3') {
      result.push({
        kind: 'heading',
        level: block.style === 'h2' ? 2 : 3,
        text: runs.map((run) => run.text).join(''),
      });
    } else if (runs.some((run) => run.text.trim())) {
      result.push({ kind: 'richText', runs, ...(block.style === 'blockquote' ? { quote: true } : {}) });
    }
  }
  return result;
}

/** A block's spans as runs: decorators as bold and italic, a link annotation as its href. */
function runsOf(block: TextBlock): TextRun[] {
  const links = new Map((block.markDefs ?? []).map((mark) => [mark._key, mark.href]));
  return (block.children ?? []).map((span) => {
    const marks = span.marks ?? [];
    const href = marks.map((mark) => links.get(mark)).find((link) => link && isMailableUrl(link));
    return {
      text: span.text ?? '',
      ...(marks.includes('strong') ? { bold: true } : {}),
      ...(marks.includes('em') ? { italic: true } : {}),
      ...(href ? { href } : {}),
    };
  });
}

const statusWords: Partial<Record<NonNullable<EventItem['status']>, string>> = {
  cancelled: 'Annulée',
  postponed: 'Reportée',
  full: 'Complète',
};

function cardOf(item: SectionItem, now: Date): CardBlock {
  return item._type === 'event' ? eventCard(item, now) : articleCard(item);
}

/** An event: its page, date and place, its summary, « S’inscrire » while registration is open. */
export function eventCard(event: EventItem, now: Date): CardBlock {
  const page = eventPageUrl(event.slug);
  const status = event.status ? statusWords[event.status] : undefined;
  const { open } = registrationState(event, now);
  return {
    kind: 'card',
    title: event.title ?? '',
    href: page,
    facts: [
      ...(event.startsAt && event.endsAt
        ? [['Date', eventPeriod(event.startsAt, event.endsAt)] as const]
        : []),
      [
        'Lieu',
        eventPlace(event, { online: () => 'En ligne', unknown: 'Lieu communiqué par l’organisateur' }),
      ],
      ...(status ? [['Statut', status] as const] : []),
    ],
    ...(event.summary ? { text: event.summary } : {}),
    ...(open ? { button: { label: 'S’inscrire', href: page } } : {}),
  };
}

/** An article: its date and its excerpt (the network's site shows articles; there is no page to link). */
export function articleCard(article: ArticleItem): CardBlock {
  return {
    kind: 'card',
    title: article.title ?? '',
    facts: article.publishedAt ? [['Publié le', frenchDate(article.publishedAt)]] : [],
    ...(article.excerpt ? { text: article.excerpt } : {}),
  };
}
