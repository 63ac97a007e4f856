import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { frenchDate } from '../shared/french.ts';
import type { EmailBlock } from '../shared/mail/emailLayout.ts';
import { pageUrl } from '../shared/pageLinks.ts';
import type { Subscription } from '../subscriptions/subscription.ts';
import type { DigestFrequency } from './digestSchedule.ts';
import { type ArticleItem, articleCard, type EventItem, eventCard } from './newsletterContent.ts';
import { type NewsletterMailParts, renderSubscriberMail } from './newsletterMail.ts';

/** An article as a digest offers it: its card, and the themes it is filed under. */
export type DigestArticle = ArticleItem & { readonly themes: readonly string[] | null };
/** An upcoming event as a digest offers it: its card, and its region's code. */
export type DigestEvent = EventItem & { readonly region: string | null };

/**
 * What one period's digests are made of, frozen when the digest starts (the send's `CONTENT`):
 * the articles published since the previous digest, and each region's next events.
 */
export interface DigestMaterial {
  readonly kind: 'digest';
  readonly frequency: DigestFrequency;
  readonly dueAt: string;
  readonly since: string;
  readonly eventsUntil: string;
  readonly introduction: string | null;
  readonly fromName: string;
  readonly brand: SiteBrand;
  readonly articles: readonly DigestArticle[];
  /** By region code, soonest first, a few per region. */
  readonly eventsByRegion: Readonly<Record<string, readonly DigestEvent[]>>;
  readonly regionNames: Readonly<Record<string, string>>;
}

/** A digest stays short: the newest articles and the soonest events, with links to the rest. */
export const digestArticleLimit = 8;
export const digestEventLimit = 10;

/** One subscriber's digest: what of the period's material concerns them. */
export interface DigestSelection {
  readonly articles: readonly DigestArticle[];
  readonly events: readonly DigestEvent[];
  /** The regions the events were chosen in (all of them for a subscriber who chose none). */
  readonly regions: readonly string[];
}

/**
 * Articles in the subscriber's themes (an article filed under no theme concerns everyone, and a
 * subscriber who chose no theme reads them all); events in the subscriber's regions (all of
 * France for one who chose none), soonest first.
 */
export function digestFor(
  material: DigestMaterial,
  subscriber: Pick<Subscription, 'regions' | 'themes'>,
): DigestSelection {
  const articles = material.articles
    .filter(
      (article) =>
        subscriber.themes.length === 0 ||
        !article.themes?.length ||
        article.themes.some((theme) => subscriber.themes.includes(theme)),
    )
    .slice(0, digestArticleLimit);
  const regions = subscriber.regions.length > 0 ? subscriber.regions : Object.keys(material.eventsByRegion);
  const events = regions
    .flatMap((region) => material.eventsByRegion[region] ?? [])
    .sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a._id.localeCompare(b._id))
    .slice(0, digestEventLimit);
  return { articles, events, regions: subscriber.regions };
}

/** An empty digest is not sent. */
export const isEmptyDigest = (selection: DigestSelection): boolean =>
  selection.articles.length === 0 && selection.events.length === 0;

/** Subscribers whose digests hold the same articles and events get the same rendered mail. */
export const digestSignature = (selection: DigestSelection): string =>
  [
    selection.articles.map((article) => article._id).join(','),
    selection.events.map((event) => event._id).join(','),
    [...selection.regions].sort().join(','),
  ].join('|');

const periodWords = { weekly: 'de la semaine', monthly: 'du mois' } as const;

/** The subject: « Votre résumé de la semaine — CRESS Exemple ». */
export const digestSubject = (material: Pick<DigestMaterial, 'frequency' | 'brand'>): string =>
  `Votre résumé ${periodWords[material.frequency]} — ${material.brand.siteName}`;

/** The digest's blocks: the editors' introduction, the news, the events, links to the rest. */
export function digestBlocks(material: DigestMaterial, selection: DigestSelection, now: Date): EmailBlock[] {
  const blocks: EmailBlock[] = [];
  if (material.introduction?.trim()) blocks.push({ kind: 'paragraph', text: material.introduction.trim() });
  if (selection.articles.length > 0) {
    blocks.push({
      kind: 'heading',
      level: 2,
      text: `Les actualités depuis le ${frenchDate(material.since)}`,
    });
    blocks.push(...selection.articles.map(articleCard));
  }
  if (selection.events.length > 0) {
    const where =
      selection.regions.length === 1
        ? `en ${material.regionNames[selection.regions[0] as string] ?? 'région'}`
        : selection.regions.length > 1
          ? 'dans vos régions'
          : 'partout en France';
    blocks.push({ kind: 'heading', level: 2, text: `Les prochaines manifestations ${where}` });
    blocks.push(...selection.events.map((event) => eventCard(event, now)));
  }
  const programmeLinks = selection.regions.length > 0 ? selection.regions : [null];
  for (const region of programmeLinks)
    blocks.push({
      kind: 'link',
      label: region ? `Tout le programme en ${material.regionNames[region] ?? region}` : 'Tout le programme',
      href: pageUrl('programme', region ? { region } : {}),
    });
  return blocks;
}

/** A subscriber's digest as an SES template, with the same greeting and links as newsletters. */
export function renderDigestMail(
  material: DigestMaterial,
  selection: DigestSelection,
  now: Date,
): Promise<NewsletterMailParts> {
  const subject = digestSubject(material);
  return renderSubscriberMail(subject, (markers) => ({
    brand: material.brand,
    preheader:
      selection.articles.length > 0
        ? `${selection.articles.length} actualité${selection.articles.length > 1 ? 's' : ''} et les prochaines manifestations`
        : 'Les prochaines manifestations près de chez vous',
    heading: subject.split(' — ')[0] as string,
    blocks: [{ kind: 'paragraph', text: markers.greeting }, ...digestBlocks(material, selection, now)],
    footer: `${material.brand.siteName} — vous recevez ce résumé parce que vous l’avez demandé en vous abonnant. Vous pouvez en changer la fréquence ou l’arrêter à tout moment.`,
    footerLinks: [
      { label: 'Gérer mes préférences', href: markers.preferencesUrl },
      { label: 'Ne plus recevoir ce résumé', href: markers.unsubscribeUrl },
    ],
  }));
}
