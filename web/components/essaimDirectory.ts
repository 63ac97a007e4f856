import {
  directoryContactFieldLabels,
  directoryContactFormHtml,
} from '../../functions/directory/directoryForm.ts';
import {
  directorySectors,
  essFamilies,
  exchangeKinds,
} from '../../functions/directory/directoryVocabulary.ts';
import { frenchRegions } from '../../functions/programme/vocabulary.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { enhanceForm, formValues } from './formEnhancement.ts';
import { showMoreButton } from './moreButton.ts';

/** An entry of `GET /directory` (never an address). */
interface ListedEntry {
  readonly id: string;
  readonly name: string | null;
  readonly organization: string | null;
  readonly role: string | null;
  readonly region: { readonly name: string } | null;
  readonly sectors: readonly string[];
  readonly families: readonly string[];
  readonly offers: readonly string[];
  readonly offerDetails: string | null;
  readonly needs: readonly string[];
  readonly needDetails: string | null;
  readonly links: readonly string[];
  readonly hasPublicEmail: boolean;
}
type DirectoryPage = { items: ListedEntry[]; total: number; nextCursor: string | null };

type Terms = readonly { value: string; title: string }[];
const titles = (terms: Terms, values: readonly string[]) =>
  values.map((value) => terms.find((term) => term.value === value)?.title ?? value).join(', ');

const select = (prefix: string, name: string, label: string, all: string, choices: Terms) =>
  `<div class="essaim-field"><label for="${prefix}-${name}">${escapeHtml(label)}</label><select id="${prefix}-${name}" name="${name}"><option value="">${escapeHtml(
    all,
  )}</option>${choices.map((choice) => `<option value="${escapeHtml(choice.value)}">${escapeHtml(choice.title)}</option>`).join('')}</select></div>`;

const line = (label: string, text: string | null | undefined) =>
  text ? `<p><strong>${escapeHtml(label)} :</strong> ${escapeHtml(text)}</p>` : '';

function entryHtml(entry: ListedEntry, heading: number): string {
  const links = entry.links
    .map((link) => `<li><a href="${escapeHtml(link)}" rel="noopener nofollow">${escapeHtml(link)}</a></li>`)
    .join('');
  return `<li class="essaim-card" data-id="${escapeHtml(entry.id)}"><h${heading} class="essaim-card-title">${escapeHtml(
    entry.organization ?? entry.name ?? 'Fiche',
  )}</h${heading}>
<p class="essaim-card-meta">${escapeHtml([entry.name, entry.role, entry.region?.name].filter(Boolean).join(' — '))}</p>
${line('Secteurs', titles(directorySectors, entry.sectors))}${line('Famille', titles(essFamilies, entry.families))}
${line('Propose', [titles(exchangeKinds, entry.offers), entry.offerDetails].filter(Boolean).join(' — '))}
${line('Recherche', [titles(exchangeKinds, entry.needs), entry.needDetails].filter(Boolean).join(' — '))}
${links ? `<ul>${links}</ul>` : ''}<p class="essaim-actions"><button type="button" class="essaim-contact-member">${
    entry.hasPublicEmail ? 'Voir l’adresse ou écrire' : 'Écrire à ce membre'
  }</button></p><div class="essaim-member-contact"></div></li>`;
}

/**
 * `<essaim-directory>`: the member directory, searched and filtered (region, sector, family,
 * what is offered or sought), a page at a time (« Afficher plus »). An address is shown one
 * entry at a time, on a click; a visitor writes to a member by a form, the member's address
 * hidden. Attributes: `api`, `heading-level`.
 */
export class EssaimDirectory extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const p = this.idPrefix;
    this.innerHTML = `<form class="essaim-form essaim-directory-search" role="search">
<div class="essaim-field"><label for="${p}-q">Rechercher</label><input id="${p}-q" name="q" type="search" maxlength="100"></div>
${select(
  p,
  'region',
  'Région',
  'Toutes les régions',
  frenchRegions.map((region) => ({ value: region.code, title: region.name })),
)}
${select(p, 'sector', 'Secteur', 'Tous les secteurs', directorySectors)}${select(p, 'family', 'Famille de l’ESS', 'Toutes les familles', essFamilies)}
${select(p, 'offer', 'Propose', 'Peu importe', exchangeKinds)}${select(p, 'need', 'Recherche', 'Peu importe', exchangeKinds)}
<p class="essaim-actions"><button type="submit">Rechercher</button></p></form>
<p class="essaim-results-count" role="status"></p><ul class="essaim-cards"></ul><div class="essaim-more-slot"></div>`;
    const form = this.querySelector('form') as HTMLFormElement;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search(config, new URLSearchParams(formValues(form)));
    });
    this.querySelector('.essaim-cards')?.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('.essaim-contact-member');
      const card = button?.closest<HTMLElement>('.essaim-card');
      if (button && card?.dataset.id) void this.openContact(config, card.dataset.id, card, button);
    });
    await this.search(config, new URLSearchParams());
  }

  private async search(
    config: EssaimConfig,
    query: URLSearchParams,
    append = false,
  ): Promise<HTMLElement | null> {
    for (const [name, value] of [...query]) if (!value) query.delete(name);
    const answer = await callApi<DirectoryPage>(config, `/directory?${query}`);
    const list = this.querySelector('.essaim-cards') as HTMLElement;
    const count = this.querySelector('.essaim-results-count') as HTMLElement;
    if (!answer.ok) {
      count.textContent = answer.problem.detail;
      return null;
    }
    const { items, total, nextCursor } = answer.body;
    count.textContent = total === 0 ? 'Aucune fiche ne correspond.' : `${total} fiche${total > 1 ? 's' : ''}`;
    const html = items.map((entry) => entryHtml(entry, this.headingLevel(3))).join('');
    if (append) list.insertAdjacentHTML('beforeend', html);
    else list.innerHTML = html;
    const next = nextCursor ? new URLSearchParams(query) : null;
    if (next && nextCursor) next.set('cursor', nextCursor);
    showMoreButton(
      this.querySelector('.essaim-more-slot') as HTMLElement,
      'Afficher plus de fiches',
      next ? () => this.search(config, next, true) : null,
    );
    return list.children[list.children.length - items.length] as HTMLElement | null;
  }

  private async openContact(config: EssaimConfig, id: string, card: HTMLElement, button: HTMLButtonElement) {
    button.disabled = true;
    const slot = card.querySelector('.essaim-member-contact') as HTMLElement;
    const path = `/directory/${encodeURIComponent(id)}`;
    const entry = await callApi<{ publicEmail: string | null; canBeContacted: boolean }>(config, path);
    if (!entry.ok) {
      slot.innerHTML = `<p class="essaim-error" role="alert">${escapeHtml(entry.problem.detail)}</p>`;
      button.disabled = false;
      return;
    }
    button.remove();
    const email = entry.body.publicEmail
      ? `<p><strong>Adresse :</strong> <a href="mailto:${escapeHtml(entry.body.publicEmail)}">${escapeHtml(entry.body.publicEmail)}</a></p>`
      : '';
    if (!entry.body.canBeContacted) {
      slot.innerHTML = email;
      return;
    }
    const prefix = `${this.idPrefix}-${card.dataset.id}`;
    const draw = (values: Record<string, string> = {}, errors: Record<string, string> = {}) => {
      slot.innerHTML = `${email}${directoryContactFormHtml({ idPrefix: prefix, headingLevel: 4, values, errors })}`;
      return slot.querySelector('form') as HTMLFormElement;
    };
    enhanceForm<{ message: string }>(draw(), {
      config,
      path: `/directory/contact/${encodeURIComponent(id)}`,
      challenge: 'directory',
      fields: Object.keys(directoryContactFieldLabels),
      checkboxes: ['consent'],
      redraw: draw,
      accepted: ({ body }) => {
        slot.innerHTML = `<div class="essaim-notice essaim-notice-success" role="status" tabindex="-1"><p>${escapeHtml(body.message)}</p></div>`;
        slot.querySelector<HTMLElement>('.essaim-notice')?.focus();
      },
    });
    slot.querySelector<HTMLElement>('a, input')?.focus();
  }
}
