import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startLocalStack } from '../../infra/local/localStack.ts';
import { openChromium } from '../../test/browser/chromium.ts';

/**
 * `npm run screenshots [-- --port 3700]`: the demo page and a manage page, as a phone
 * (390 × 844, twice the pixels) and a laptop (1440 × 900) show them, full page, in
 * `.essaim/screenshots/` (git-ignored). It starts its own in-memory local stack (no Studio) on
 * `--port` and the four ports after it, registers someone to the next open event through the
 * API, and opens the manage link the confirmation mail carries. For a designer's eye, or
 * before-and-after pictures of a change to `web/`.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '3700' } } });
const base = Number(values.port);
if (!Number.isInteger(base) || base < 1024 || base > 65530) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(1);
}

// The demo campaign's registrations are open then, as in the tests.
process.env.ESSAIM_NOW ??= '2027-10-20T08:00:00.000Z';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const root = join(import.meta.dirname, '..', '..');
const outDirectory = join(root, '.essaim', 'screenshots');
mkdirSync(outDirectory, { recursive: true });

const viewports = [
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true },
  { name: 'desktop', viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, isMobile: false },
] as const;

interface Card {
  slug: string;
  title: string;
  registration: { open: boolean; capacity: number | null };
}

console.log(`Starting a local stack (in memory, ports ${base}–${base + 5})…`);
const stack = await startLocalStack({
  apiPort: base,
  sesPort: base + 1,
  dynamoDbPort: base + 2,
  contentLakePort: base + 3,
  pagesPort: base + 5,
});
const written: string[] = [];
try {
  console.log(`Pages at ${stack.pagesUrl}, API at ${stack.apiUrl}.`);
  const programme = (await (await fetch(`${stack.apiUrl}/events?limit=50`)).json()) as { items: Card[] };
  const event =
    programme.items.find((card) => card.registration.open && card.registration.capacity !== null) ??
    programme.items.find((card) => card.registration.open);
  if (!event) throw new Error('No event of the demo programme is open to registration.');
  const email = `capture.${Date.now()}@exemple.fr`;
  console.log(`Registering ${email} to “${event.title}”…`);
  const registered = await fetch(`${stack.apiUrl}/events/${event.slug}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Camille Dubois-Lefèvre', email, consent: true }),
  });
  if (registered.status !== 201)
    throw new Error(`Registration answered ${registered.status}: ${await registered.text()}`);
  const manageUrl = await manageLinkFor(email);
  console.log(`Manage link: ${manageUrl}`);

  const pages = [
    { name: 'demo', url: `${stack.pagesUrl}/demo.html`, ready: waitForDemo },
    { name: 'inscription', url: manageUrl, ready: waitForManagePage },
  ];
  for (const size of viewports) {
    const browser = await openChromium({
      viewport: size.viewport,
      deviceScaleFactor: size.deviceScaleFactor,
      isMobile: size.isMobile,
    });
    try {
      for (const page of pages) {
        console.log(`Capturing ${page.name} (${size.name})…`);
        await browser.page.goto(page.url);
        await page.ready(browser.page);
        const path = join(outDirectory, `${page.name}-${size.name}.png`);
        await browser.page.screenshot({ path, fullPage: true });
        written.push(path);
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  console.log('Stopping the local stack…');
  await stack.stop();
}
for (const path of written) console.log(`  ${relative(process.cwd(), path)}`);
// DynamoDB Local's JVM and the servers are stopped; nothing else should keep the process.
process.exit(0);

/** The manage link of the confirmation mail (the stream worker sends it within a second or two). */
async function manageLinkFor(email: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const store = (await (await fetch(`${stack.sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    const text = store.emails.find((mail) => mail.destination.to.includes(email))?.body.text ?? '';
    const link = text.match(/https?:\/\/\S+\/inscription\.html\?jeton=[^\s\]]+/)?.[0];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`No confirmation mail reached ${email}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every component drawn: the programme's cards and map, the event's form, the contact form. */
async function waitForDemo(page: Page): Promise<void> {
  await page.locator('essaim-programme .essaim-card').first().waitFor();
  await page.locator('essaim-programme .essaim-map-svg').waitFor();
  await page.locator('essaim-event .essaim-title').waitFor();
  await page.locator('essaim-contact form').waitFor();
  await settle(page);
}

async function waitForManagePage(page: Page): Promise<void> {
  await page.locator('essaim-registration .essaim-manage').waitFor();
  await settle(page);
}

/** Fonts and images loaded, no component still saying « Chargement… ». */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.essaim-loading').length === 0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
