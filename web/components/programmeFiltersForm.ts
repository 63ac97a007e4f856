import { eventFormats, eventThemes } from '../../functions/programme/vocabulary.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';

export interface RegionCount {
  readonly code: string;
  readonly name: string;
  readonly count: number;
}

export const filterNames = ['q', 'region', 'format', 'theme', 'from', 'to', 'openToAll'] as const;
export type Filters = Partial<Record<(typeof filterNames)[number], string>>;

const options = (
  choices: readonly { value: string; title: string }[],
  current: string | undefined,
  none: string,
) =>
  `<option value="">${none}</option>${choices
    .map(
      (choice) =>
        `<option value="${escapeHtml(choice.value)}"${choice.value === current ? ' selected' : ''}>${escapeHtml(choice.title)}</option>`,
    )
    .join('')}`;

/** The programme's filters: a real GET form (it works as one without JavaScript on a hosted page). */
export function filtersFormHtml(idPrefix: string, regions: readonly RegionCount[], filters: Filters): string {
  const id = (name: string) => `${idPrefix}-${name}`;
  const field = (name: string, label: string, control: string) =>
    `<div class="essaim-field"><label for="${id(name)}">${label}</label>${control}</div>`;
  return `<form class="essaim-filters" role="search" aria-label="Filtrer le programme">
${field('q', 'Rechercher', `<input id="${id('q')}" name="q" type="search" maxlength="100" value="${escapeHtml(filters.q ?? '')}">`)}
${field(
  'region',
  'Région',
  `<select id="${id('region')}" name="region">${options(
    regions.map((region) => ({ value: region.code, title: region.name })),
    filters.region,
    'Toutes les régions',
  )}</select>`,
)}
${field('format', 'Format', `<select id="${id('format')}" name="format">${options(eventFormats, filters.format, 'Tous les formats')}</select>`)}
${field('theme', 'Thème', `<select id="${id('theme')}" name="theme">${options(eventThemes, filters.theme, 'Tous les thèmes')}</select>`)}
${field('from', 'À partir du', `<input id="${id('from')}" name="from" type="date" value="${escapeHtml(filters.from ?? '')}">`)}
${field('to', 'Jusqu’au', `<input id="${id('to')}" name="to" type="date" value="${escapeHtml(filters.to ?? '')}">`)}
<div class="essaim-field essaim-checkbox"><input id="${id('openToAll')}" name="openToAll" type="checkbox" value="true"${
    filters.openToAll === 'true' ? ' checked' : ''
  }><label for="${id('openToAll')}">Ouvertes à toutes et tous</label></div>
<p class="essaim-actions"><button type="submit">Filtrer</button> <button type="reset" class="essaim-secondary">Effacer les filtres</button></p>
</form>`;
}

/** The filters as the API's query string (empty ones left out). */
export function filtersQuery(filters: Filters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const name of filterNames) if (filters[name]) query.set(name, filters[name] as string);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function filtersOf(form: HTMLFormElement): Filters {
  const data = new FormData(form);
  const filters: Filters = {};
  for (const name of filterNames) {
    const value = data.get(name);
    if (typeof value === 'string' && value.trim()) filters[name] = value.trim();
  }
  return filters;
}
