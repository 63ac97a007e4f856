import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { frenchDate } from './frenchDates.ts';
import { showMoreButton } from './moreButton.ts';

/** A newsletter of `GET /newsletters`. */
interface ArchivedNewsletter {
  readonly slug: string;
  readonly subject: string;
  readonly preheader: string | null;
  readonly sentAt: string;
  readonly url: string;
}

interface ArchivePage {
  readonly items: readonly ArchivedNewsletter[];
  readonly nextCursor: string | null;
}

/**
 * `<essaim-newsletter-archive>`: the newsletters sent, newest first, each linking to its page,
 * a page at a time (« Afficher des lettres plus anciennes »), and the archive's Atom feed.
 * Attributes: `limit` (per page, 12), `heading-level` (of each newsletter's title, 2), `api`.
 */
export class EssaimNewsletterArchive extends EssaimElement {
  private config!: EssaimConfig;

  protected async start(config: EssaimConfig): Promise<void> {
    this.config = config;
    const page = await this.page(null);
    if (!page.ok) return this.showProblem(page.problem);
    this.innerHTML = `<section class="essaim-newsletter-archive" aria-label="Lettres d’information envoyées">
<p class="essaim-newsletter-feed"><a href="${escapeHtml(`${config.apiUrl}/newsletters/feed.atom`)}" type="application/atom+xml">Suivre les lettres avec un lecteur de flux (Atom)</a></p>
<ol class="essaim-cards"></ol>
<p class="essaim-more-slot"></p>
</section>`;
    if (page.body.items.length === 0) {
      this.querySelector('.essaim-cards')?.insertAdjacentHTML(
        'afterend',
        '<p>Aucune lettre n’a encore été envoyée.</p>',
      );
    }
    this.append_(page.body);
  }

  private page(cursor: string | null) {
    const limit = Number(this.getAttribute('limit') ?? 12);
    const query = new URLSearchParams({
      limit: String(Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : 12),
      ...(cursor ? { cursor } : {}),
    });
    return callApi<ArchivePage>(this.config, `/newsletters?${query}`);
  }

  /** Adds a page of newsletters and the button for the next one; answers the first added. */
  private append_(page: ArchivePage): HTMLElement | undefined {
    const list = this.querySelector('.essaim-cards') as HTMLOListElement;
    const h = `h${this.headingLevel()}`;
    const before = list.children.length;
    list.insertAdjacentHTML(
      'beforeend',
      page.items
        .map(
          (newsletter) => `<li class="essaim-card">
<${h} class="essaim-card-title"><a href="${escapeHtml(newsletter.url)}">${escapeHtml(newsletter.subject)}</a></${h}>
<p class="essaim-card-meta">Envoyée le <time datetime="${escapeHtml(newsletter.sentAt)}">${escapeHtml(frenchDate(newsletter.sentAt))}</time></p>
${newsletter.preheader ? `<p class="essaim-card-summary">${escapeHtml(newsletter.preheader)}</p>` : ''}
</li>`,
        )
        .join(''),
    );
    const { nextCursor } = page;
    showMoreButton(
      this.querySelector('.essaim-more-slot') as HTMLElement,
      'Afficher des lettres plus anciennes',
      nextCursor ? () => this.more(nextCursor) : null,
    );
    return list.children[before] as HTMLElement | undefined;
  }

  /** The next page, after the newsletters shown: answers its first (null if it failed). */
  private async more(cursor: string): Promise<HTMLElement | null | undefined> {
    const page = await this.page(cursor);
    return page.ok ? this.append_(page.body) : null;
  }
}
