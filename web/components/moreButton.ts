import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';

/**
 * The « Afficher plus » of a list paged by cursor: in `slot`, a button while there is a next
 * page (`loadNext`, else nothing). A click disables it while the page loads; then focus goes to
 * the first link of what was added (`loadNext` answers its first element), or, when the page could
 * not be loaded (`loadNext` answers null), the button works again.
 */
export function showMoreButton(
  slot: HTMLElement,
  label: string,
  loadNext: (() => Promise<HTMLElement | null | undefined>) | null,
): void {
  slot.innerHTML = loadNext ? `<button type="button" class="essaim-more">${escapeHtml(label)}</button>` : '';
  const button = slot.querySelector('button');
  button?.addEventListener('click', async () => {
    button.disabled = true;
    const first = await loadNext?.();
    if (first === null) button.disabled = false;
    else first?.querySelector('a')?.focus();
  });
}
