import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig, hostedPageUrl } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { frenchDate } from './frenchDates.ts';

/** What `GET /newsletters/{slug}` answers. */
interface ArchivedNewsletter {
  readonly slug: string;
  readonly subject: string;
  readonly preheader: string | null;
  readonly sentAt: string;
  readonly html: string;
}

/**
 * `<essaim-newsletter>`: one sent newsletter, as the archive keeps it (the « Voir dans le
 * navigateur » link of its mail opens it). Attributes: `slug` (else the page's `?lettre=`),
 * `heading-level` (of its title, 2 by default; the newsletter's own headings follow), `api`.
 */
export class EssaimNewsletter extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const level = this.headingLevel();
    const slug = this.getAttribute('slug') || this.fromPageAddress('lettre');
    const notFound = { status: 404, title: 'Lettre introuvable' };
    if (!slug) return this.showProblem({ ...notFound, detail: 'Aucune lettre n’est indiquée.' }, level);
    const found = await callApi<ArchivedNewsletter>(config, `/newsletters/${encodeURIComponent(slug)}`);
    if (!found.ok)
      return this.showProblem(
        found.status === 404 ? { ...found.problem, ...notFound } : found.problem,
        level,
      );
    const newsletter = found.body;
    if (level === 1) document.title = `${newsletter.subject} – ${document.title.split(' – ').pop() ?? ''}`;
    this.innerHTML = `<article class="essaim-newsletter" aria-labelledby="${this.idPrefix}-titre">
<h${level} id="${this.idPrefix}-titre">${escapeHtml(newsletter.subject)}</h${level}>
<p class="essaim-newsletter-meta">Lettre envoyée le <time datetime="${escapeHtml(newsletter.sentAt)}">${escapeHtml(frenchDate(newsletter.sentAt))}</time></p>
<div class="essaim-newsletter-body"></div>
<p><a href="${escapeHtml(hostedPageUrl('newsletters'))}">Toutes les lettres d’information</a></p>
</article>`;
    const body = this.querySelector('.essaim-newsletter-body') as HTMLElement;
    // The API's HTML: every word in it is escaped and every link checked by the API, which
    // renders it from the Studio's published content (functions/newsletters/newsletterPage.ts).
    body.innerHTML = newsletter.html;
    shiftHeadings(body, level - 1);
  }
}

/** The newsletter's headings start at level 2: under a title of another level, they move with it. */
function shiftHeadings(container: HTMLElement, by: number): void {
  if (by === 0) return;
  for (const heading of [...container.querySelectorAll('h2, h3, h4, h5, h6')]) {
    const moved = document.createElement(`h${Math.min(6, Number(heading.tagName.slice(1)) + by)}`);
    moved.className = heading.className;
    moved.append(...heading.childNodes);
    heading.replaceWith(moved);
  }
}
