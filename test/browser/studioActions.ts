import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Runs a document action from the Studio's « … » menu. The menu lists the actions as they are
 * when it opens: opened before they resolved (a loaded machine), it is closed and opened again.
 */
export async function documentAction(page: Page, name: string): Promise<void> {
  const item = page.getByRole('menuitem', { name });
  await expect
    .poll(
      async () => {
        await page.getByTestId('action-menu-button').click();
        if (
          await item.waitFor({ state: 'visible', timeout: 5000 }).then(
            () => true,
            () => false,
          )
        )
          return true;
        await page.keyboard.press('Escape');
        return false;
      },
      { timeout: 60_000, message: `the action « ${name} »` },
    )
    .toBe(true);
  await item.click();
}
