import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, type TestContext } from 'vitest';
import { type Browser, type ChromiumOptions, openChromium } from './chromium.ts';

/**
 * What the browser tests of the visitor pages share: a browser per test, the wait for the
 * components, and axe-core. (The project's types have no DOM: the page's globals are declared
 * here as far as these functions use them.)
 */
declare const document: {
  querySelectorAll(selector: string): Iterable<{ readonly childElementCount: number }> & {
    readonly length: number;
  };
};
declare const window: object;

/** A browser for this test alone: a screenshot (named after `label` and the test) if it fails, closed when it ends. */
export async function browserFor(
  context: TestContext,
  options: ChromiumOptions = {},
  label = '',
): Promise<Browser> {
  const browser = await openChromium(options);
  // One hook (failure hooks run after this one): the screenshot, then the browser closed.
  context.onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail')
      await browser
        .screenshot(
          `${label ? `${label} ` : ''}${task.name}${options.javaScriptEnabled === false ? ' sans JS' : ''}`,
        )
        .catch(() => undefined);
    await browser.close();
  });
  return browser;
}

/** Waits until every Essaim component of the page has drawn itself (nothing says « Chargement… »). */
export async function componentsReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.essaim-loading').length === 0 &&
      [...document.querySelectorAll('.essaim')].every((element) => element.childElementCount > 0),
  );
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core on the page as it is now, WCAG 2.0 and 2.1, A and AA: no violation. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
  const report = violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`)
          .join('\n')}`,
    )
    .join('\n');
  expect(violations, `axe on ${state} (${page.url()}):\n${report}`).toEqual([]);
}
