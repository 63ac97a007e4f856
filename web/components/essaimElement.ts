import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { configFor, type EssaimConfig, type Problem } from './api.ts';

let stylesheetAdded = false;

/**
 * The stylesheet beside the script, once per page, first in `<head>` so the host site's own
 * rules win; a host page that styles everything itself says `<meta name="essaim-styles" content="none">`.
 */
function addStylesheet(): void {
  if (stylesheetAdded) return;
  stylesheetAdded = true;
  if (document.querySelector('meta[name="essaim-styles"][content="none"], link[data-essaim]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./essaim.css', import.meta.url).href;
  link.dataset.essaim = '';
  document.head.prepend(link);
}

let instances = 0;

/**
 * What every Essaim component shares: light DOM (the host page's styles, labels and autofill
 * apply), the API's address, a unique id prefix, and the messages shown while loading or when
 * the service cannot answer.
 */
export abstract class EssaimElement extends HTMLElement {
  protected readonly idPrefix = `essaim-${++instances}`;
  private started = false;

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    addStylesheet();
    this.classList.add('essaim');
    this.innerHTML = '<p class="essaim-loading" role="status">Chargement…</p>';
    configFor(this)
      .then((config) => this.start(config))
      .catch(() =>
        this.showProblem({
          status: 0,
          title: 'Service indisponible',
          detail: 'Ce contenu ne peut pas être affiché pour le moment. Réessayez dans quelques instants.',
        }),
      );
  }

  /** Renders the component once the API's address is known. */
  protected abstract start(config: EssaimConfig): Promise<void>;

  /**
   * Replaces the content with a problem's French message; its title is a heading of
   * `headingLevel` when the component stands for the page's heading (an event page whose event
   * cannot be shown still has its title).
   */
  protected showProblem(problem: Problem, headingLevel?: number): void {
    const title = headingLevel
      ? `<h${headingLevel} class="essaim-notice-title">${escapeHtml(problem.title)}</h${headingLevel}>`
      : `<p><strong>${escapeHtml(problem.title)}</strong></p>`;
    this.innerHTML = `<div class="essaim-notice essaim-notice-error" role="alert">${title}<p>${escapeHtml(problem.detail)}</p></div>`;
  }

  /** The level of the component's first heading (`heading-level`, 2 by default), 2 to 6. */
  protected headingLevel(fallback = 2): number {
    return Math.min(6, Math.max(1, Number(this.getAttribute('heading-level') ?? fallback) || fallback));
  }

  /** A query parameter of the page's address (hosted pages read their slug or token there). */
  protected fromPageAddress(name: string): string {
    return new URLSearchParams(window.location.search).get(name) ?? '';
  }
}
