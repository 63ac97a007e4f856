import { randomUUID } from 'node:crypto';
import { systemClock } from '../shared/clock.ts';
import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { type EmailContent, renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe } from '../shared/mail/outgoingEmail.ts';
import { archivePageUrl, type NewsletterForMail, newsletterBlocks } from './newsletterContent.ts';

export type { NewsletterForMail };

/** A newsletter's mail, rendered once for every recipient: an SES template (subject, HTML, text). */
export interface NewsletterMailParts {
  subject: string;
  html: string;
  text: string;
}

/** What each recipient's replacement data gives (SES `ReplacementTemplateData`). */
export const newsletterPlaceholders = ['greeting', 'preferencesUrl', 'unsubscribeUrl'] as const;
export type NewsletterReplacementData = Record<(typeof newsletterPlaceholders)[number], string>;

/**
 * A recipient's `greeting`: « Bonjour Lou, », or « Bonjour, » without a name. SES puts
 * replacement data into the HTML part as it is, unescaped, and the same value serves the text
 * part: a name keeps its words but loses `<` and `>`, so it can never open a tag (an entity such
 * as `&lt;` only ever shows as text).
 */
export function greetingFor(name?: string | null): string {
  const words = name?.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
  return words ? `Bonjour ${words},` : 'Bonjour,';
}

const testBanner =
  'Envoi de test — seules les adresses de la liste de test reçoivent ce message ; les abonnés ne l’ont pas reçu.';

/**
 * Renders a published newsletter with the e-mail layout. The parts contain exactly these SES
 * template placeholders (SendBulkEmail replacement data), nowhere else: {{greeting}} (e.g.
 * "Bonjour Lou," / "Bonjour,"), {{preferencesUrl}}, {{unsubscribeUrl}}: once each in the HTML
 * and once each in the text, none in the subject. Editor text can never produce "{{": it is
 * broken with an invisible character (text, subject) or an entity (HTML), so SES never reads it
 * as a placeholder. `test: true` adds a visible French test banner ("Envoi de test — …").
 * `now` decides which event cards still offer « S’inscrire ».
 */
export async function renderNewsletterMail(
  newsletter: NewsletterForMail,
  options: { brand: SiteBrand; test?: boolean; now?: Date },
): Promise<NewsletterMailParts> {
  const { siteName } = options.brand;
  return renderSubscriberMail(newsletter.subject ?? '', (markers) => ({
    brand: options.brand,
    preheader: newsletter.preheader ?? '',
    heading: newsletter.subject ?? '',
    ...(options.test ? { banner: testBanner } : {}),
    blocks: [
      {
        kind: 'link',
        before: 'Cette lettre s’affiche mal ?',
        label: 'La lire dans le navigateur',
        href: archivePageUrl(newsletter.slug),
      },
      { kind: 'paragraph', text: markers.greeting },
      ...newsletterBlocks(newsletter, options.now ?? systemClock.now()),
    ],
    footer: `${siteName} — vous recevez cette lettre parce que vous êtes abonné·e à l’une de ses listes de diffusion.`,
    footerLinks: [
      { label: 'Gérer mes préférences', href: markers.preferencesUrl },
      { label: 'Me désabonner', href: markers.unsubscribeUrl },
    ],
  }));
}

/**
 * Renders a mail to subscribers (a newsletter, a digest) as an SES template: `content` places the
 * markers it is given where each recipient's greeting and links go; they come out as
 * {{greeting}}, {{preferencesUrl}} and {{unsubscribeUrl}}, once each in the HTML and the text.
 */
export async function renderSubscriberMail(
  subject: string,
  content: (markers: NewsletterReplacementData) => EmailContent,
): Promise<NewsletterMailParts> {
  // The layout only takes plain text and https links: the placeholders go in as markers that
  // nothing else can contain, and replace them once the mail is rendered and neutralised.
  const nonce = randomUUID().replaceAll('-', '');
  const markers = {
    greeting: `essaim${nonce}greeting`,
    preferencesUrl: `https://essaim.invalid/${nonce}/preferencesUrl`,
    unsubscribeUrl: `https://essaim.invalid/${nonce}/unsubscribeUrl`,
  } satisfies NewsletterReplacementData;
  const rendered = await renderEmail(content(markers));
  const parts = {
    subject: withoutPlaceholders(headerSafe(subject), '{\u200b'),
    html: withPlaceholders(withoutPlaceholders(rendered.html, '&#123;'), markers),
    text: withPlaceholders(withoutPlaceholders(rendered.text, '{\u200b'), markers),
  };
  for (const name of newsletterPlaceholders) {
    const count = (part: string) => part.split(`{{${name}}}`).length - 1;
    if (count(parts.html) !== 1 || count(parts.text) !== 1)
      throw new Error(`The mail must hold {{${name}}} once in each part`);
  }
  return parts;
}

/** Every "{{" broken: its first brace becomes `brace` (the same character to a reader). */
const withoutPlaceholders = (text: string, brace: string): string => text.replace(/\{(?=\{)/g, brace);

function withPlaceholders(text: string, markers: NewsletterReplacementData): string {
  return newsletterPlaceholders.reduce(
    (result, name) => result.replaceAll(markers[name], `{{${name}}}`),
    text,
  );
}
