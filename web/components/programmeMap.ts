import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { mapAttribution, mapViewBox, regionShapes } from '../map/regionShapes.ts';
import type { RegionCount } from './programmeFiltersForm.ts';

/** Five shades of the theme colour, by share of the busiest region (0 events: the lightest). */
const shadeOf = (count: number, max: number) =>
  count === 0 ? 0 : Math.min(4, 1 + Math.floor((count / Math.max(1, max)) * 3.999));

const label = (region: RegionCount) =>
  `${region.name} : ${region.count.toLocaleString('fr-FR')} manifestation${region.count > 1 ? 's' : ''}`;

/**
 * The map of France by region (a separate chunk: only `<essaim-programme>` loads it). The SVG
 * is for the eye and the mouse; the list of regions beside it is the same choice for keyboards
 * and screen readers (buttons with `aria-pressed`), so the map itself stays out of the way.
 */
export function renderRegionMap(
  container: HTMLElement,
  options: {
    idPrefix: string;
    regions: readonly RegionCount[];
    selected: string | undefined;
    select: (code: string | undefined) => void;
  },
): void {
  const counts = new Map(options.regions.map((region) => [region.code, region]));
  const max = Math.max(0, ...options.regions.map((region) => region.count));
  const shapes = regionShapes
    .map((shape) => {
      const region = counts.get(shape.code);
      const count = region?.count ?? 0;
      const selected = shape.code === options.selected ? ' essaim-map-selected' : '';
      const frame = shape.inset
        ? `<rect class="essaim-map-inset" x="${shape.inset.x}" y="${shape.inset.y}" width="${shape.inset.width}" height="${shape.inset.height}"></rect>`
        : '';
      return `${frame}<path class="essaim-map-region essaim-shade-${shadeOf(count, max)}${selected}" data-code="${shape.code}" d="${shape.path}"><title>${escapeHtml(
        region ? label(region) : shape.name,
      )}</title></path><text class="essaim-map-count" x="${shape.labelX}" y="${shape.labelY}">${count}</text>`;
    })
    .join('');
  const list = options.regions
    .map(
      (region) =>
        // Read as « Bretagne : 95 manifestations », shown as the name and the count apart.
        `<li><button type="button" data-code="${escapeHtml(region.code)}" aria-pressed="${region.code === options.selected}"><span>${escapeHtml(region.name)}</span><span class="essaim-visually-hidden"> : </span><span class="essaim-map-list-count">${region.count.toLocaleString('fr-FR')}<span class="essaim-visually-hidden"> manifestation${region.count > 1 ? 's' : ''}</span></span></button></li>`,
    )
    .join('');
  container.innerHTML = `<figure class="essaim-map-figure">
<svg class="essaim-map-svg${options.selected ? ' essaim-map-has-selection' : ''}" viewBox="${mapViewBox}" aria-hidden="true" focusable="false">${shapes}</svg>
<figcaption class="essaim-map-attribution">${escapeHtml(mapAttribution)}</figcaption>
</figure>
<div class="essaim-map-list">
<p id="${options.idPrefix}-regions">Manifestations par région${options.selected ? '' : ' (toutes les régions affichées)'} :</p>
<ul aria-labelledby="${options.idPrefix}-regions">${list}</ul>
${options.selected ? '<p><button type="button" class="essaim-secondary" data-code="">Toutes les régions</button></p>' : ''}
</div>`;
  // A property, not a listener: each drawing replaces the previous one's handler.
  container.onclick = (clickEvent) => {
    const target = (clickEvent.target as Element).closest('[data-code]');
    if (!target) return;
    const code = target.getAttribute('data-code') || undefined;
    options.select(code === options.selected ? undefined : code);
  };
}
