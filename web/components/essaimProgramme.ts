import { callApi, type EssaimConfig, eventUrl } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { showMoreButton } from './moreButton.ts';
import {
  type Filters,
  filterNames,
  filtersFormHtml,
  filtersOf,
  filtersQuery,
  type RegionCount,
} from './programmeFiltersForm.ts';
import { countText, eventCardHtml, type ProgrammePage } from './programmeResults.ts';

/**
 * `<essaim-programme>`: the campaign programme with the API's filters, pages by cursor
 * (« Afficher plus »), a map of France by region (loaded only here, as a separate chunk) with
 * an equivalent list of regions, and each event's page and calendar file. Attributes:
 * `campaign`, `region` (initial filter), `limit` (per page, 20), `heading-level` (of the cards,
 * 3), `map="off"`, `sync-url` (filters kept in the page's address: the hosted page), `api`,
 * `event-url` (the network's own event address with `{slug}`).
 */
export class EssaimProgramme extends EssaimElement {
  private config!: EssaimConfig;
  private filters: Filters = {};
  private mapModule: Promise<typeof import('./programmeMap.ts')> | null = null;

  protected async start(config: EssaimConfig): Promise<void> {
    this.config = config;
    const region = this.getAttribute('region');
    if (region) this.filters.region = region;
    if (this.hasAttribute('sync-url')) {
      const query = new URLSearchParams(window.location.search);
      for (const name of filterNames) if (query.get(name)) this.filters[name] = query.get(name) as string;
    }
    const withMap = this.getAttribute('map') !== 'off';
    if (withMap) this.mapModule = import('./programmeMap.ts');
    const regions = await callApi<RegionCount[]>(config, `/regions${this.regionsQuery()}`);
    if (!regions.ok) return this.showProblem(regions.problem);
    const p = this.idPrefix;
    this.innerHTML = `<section class="essaim-programme" aria-label="Programme">
${filtersFormHtml(p, regions.body, this.filters)}
${withMap ? `<div class="essaim-map" id="${p}-carte"></div>` : ''}
<p class="essaim-count" id="${p}-total" role="status" aria-live="polite"></p>
<ol class="essaim-cards" aria-labelledby="${p}-total"></ol>
<p class="essaim-more-slot"></p>
<p class="essaim-programme-calendar"><a download>Ces manifestations dans mon agenda (.ics)</a></p>
</section>`;
    const form = this.querySelector('form') as HTMLFormElement;
    form.addEventListener('submit', (submitEvent) => {
      submitEvent.preventDefault();
      this.filters = filtersOf(form);
      void this.load();
    });
    form.addEventListener('reset', () => {
      this.filters = {};
      queueMicrotask(() => void this.load());
    });
    await Promise.all([this.load(), this.drawMap(regions.body)]);
  }

  private query(extra: Record<string, string> = {}, filters: Filters = this.filters): string {
    const campaign = this.getAttribute('campaign');
    return filtersQuery(filters, campaign ? { campaign, ...extra } : extra);
  }

  /**
   * The map's counts: under every filter but the region, so that a chosen region leaves the
   * others' counts in view (and another is one click away) instead of zeros.
   */
  private regionsQuery(): string {
    const { region: _chosen, ...others } = this.filters;
    return this.query({}, others);
  }

  /** The first page under the current filters (the map's counts follow them too). */
  private async load(): Promise<void> {
    if (this.hasAttribute('sync-url')) {
      history.replaceState(null, '', `${window.location.pathname}${filtersQuery(this.filters)}`);
    }
    const list = this.querySelector('.essaim-cards') as HTMLOListElement;
    list.setAttribute('aria-busy', 'true');
    const [page, regions] = await Promise.all([
      callApi<ProgrammePage>(this.config, `/events${this.query({ limit: this.limit() })}`),
      this.mapModule
        ? callApi<RegionCount[]>(this.config, `/regions${this.regionsQuery()}`)
        : Promise.resolve(null),
    ]);
    list.removeAttribute('aria-busy');
    const total = this.querySelector('.essaim-count') as HTMLElement;
    if (!page.ok) {
      total.textContent = page.problem.detail;
      list.innerHTML = '';
      return;
    }
    list.innerHTML = '';
    total.textContent = countText(page.body.total);
    this.append_(page.body);
    (this.querySelector('.essaim-programme-calendar a') as HTMLAnchorElement).href =
      `${this.config.apiUrl}/events.ics${this.query()}`;
    if (regions?.ok) await this.drawMap(regions.body);
  }

  private limit(): string {
    const limit = Number(this.getAttribute('limit') ?? 20);
    return String(Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : 20);
  }

  /** Adds a page of cards and the button for the next one. */
  private append_(page: ProgrammePage): HTMLElement | undefined {
    const list = this.querySelector('.essaim-cards') as HTMLOListElement;
    const level = Math.min(6, Math.max(2, Number(this.getAttribute('heading-level') ?? 3) || 3));
    const html = page.items
      .map((card) =>
        eventCardHtml(
          card,
          {
            page: eventUrl(this.config, card.slug),
            calendar: `${this.config.apiUrl}/events/${encodeURIComponent(card.slug)}.ics`,
          },
          level,
        ),
      )
      .join('');
    const before = list.children.length;
    list.insertAdjacentHTML('beforeend', html);
    const { nextCursor } = page;
    showMoreButton(
      this.querySelector('.essaim-more-slot') as HTMLElement,
      'Afficher plus de manifestations',
      nextCursor ? () => this.more(nextCursor) : null,
    );
    return list.children[before] as HTMLElement | undefined;
  }

  /** The next page, after the cards already shown: answers its first card (null if it failed). */
  private async more(cursor: string): Promise<HTMLElement | null | undefined> {
    const page = await callApi<ProgrammePage>(
      this.config,
      `/events${this.query({ limit: this.limit(), cursor })}`,
    );
    if (!page.ok) {
      (this.querySelector('.essaim-count') as HTMLElement).textContent = page.problem.detail;
      return null;
    }
    return this.append_(page.body);
  }

  private async drawMap(regions: readonly RegionCount[]): Promise<void> {
    const container = this.querySelector<HTMLElement>('.essaim-map');
    if (!container || !this.mapModule) return;
    const { renderRegionMap } = await this.mapModule;
    renderRegionMap(container, {
      idPrefix: this.idPrefix,
      regions,
      selected: this.filters.region,
      select: (code) => {
        if (code) this.filters.region = code;
        else delete this.filters.region;
        const select = this.querySelector<HTMLSelectElement>('select[name="region"]');
        if (select) select.value = code ?? '';
        void this.load();
      },
    });
  }
}
