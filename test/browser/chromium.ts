import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `CHROMIUM_PATH` for another one. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where a failed browser test leaves its screenshot (git-ignored). */
export const screenshotDirectory = join(import.meta.dirname, 'screenshots');

export interface Browser {
  readonly page: Page;
  readonly context: BrowserContext;
  /**
   * Saves what the page shows now as `screenshots/<name>.png`, with the page's last console
   * errors and failed requests beside it (`<name>.log`), and answers the screenshot's path.
   */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** What Chromium's `--ignore-certificate-errors-spki-list` takes: the base64 SHA-256 of the public key. */
export function spkiFingerprint(certificateFile: string): string {
  const publicKey = new X509Certificate(readFileSync(certificateFile)).publicKey;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
}

export interface ChromiumOptions {
  /** The local Content Lake stand-in's certificate (PEM file), to trust; no other bad one is. */
  readonly trustCertificate?: string | undefined;
  /** False: a visitor whose browser runs no script (the plain HTML forms). */
  readonly javaScriptEnabled?: boolean;
  /** 1440 × 900 by default (a laptop). */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** 2 for a phone's screen. */
  readonly deviceScaleFactor?: number;
  /** A phone: the meta viewport is honoured, touch events are on. */
  readonly isMobile?: boolean;
}

/**
 * A headless Chromium on a fresh profile, in French and in Paris time as an editor's, that
 * trusts the local Content Lake stand-in's self-signed certificate (`trustCertificate`) and no
 * other bad one; without it, a newcomer's browser that does not trust it yet.
 */
export async function openChromium(options: ChromiumOptions): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `No Chromium at ${chromiumPath}: install Debian's (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH.`,
    );
  const profile = mkdtempSync(join(tmpdir(), 'essaim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The browser's own language too (date fields show jj/mm/aaaa), not only the page's locale.
      '--lang=fr-FR',
      ...(options.trustCertificate
        ? [`--ignore-certificate-errors-spki-list=${spkiFingerprint(options.trustCertificate)}`]
        : []),
    ],
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  // Under the test's own timeout, so that a step that never comes says which it was.
  // The integration tests run beside these (test/runProjects.ts): the Studio may be slow to answer.
  context.setDefaultTimeout(40_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const log: string[] = [];
  const note = (line: string) => {
    log.push(line);
    if (log.length > 200) log.shift();
  };
  page.on('console', (message) => {
    if (message.type() === 'error') note(`console: ${message.text().slice(0, 500)}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      note(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => note(`failed ${request.url()}: ${request.failure()?.errorText}`));
  return {
    page,
    context,
    async screenshot(name) {
      mkdirSync(screenshotDirectory, { recursive: true });
      const path = join(screenshotDirectory, `${name.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`);
      writeFileSync(path.replace(/\.png$/, '.log'), `${log.join('\n')}\n`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
