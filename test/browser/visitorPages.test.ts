import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { eventFormats } from '../../functions/programme/vocabulary.ts';
import { type HostedPageName, hostedPages } from '../../web/pages.ts';
import {
  apiUrl,
  type DeliveredEmail,
  type DemoEvent,
  demoDocuments,
  mailTo,
  postJson,
  uniqueEmail,
  waitForEmails,
} from '../integration/support.ts';
import { browserFor, componentsReady, expectNoAxeViolations } from './visitorBrowser.ts';

/**
 * What a visitor does on the hosted pages (`web/`), in Chromium, in French: registers to an event
 * and cancels from the mailed link, writes to the team, posts the plain HTML form with no
 * JavaScript, walks the programme by region, and does it all by keyboard; axe-core finds no
 * WCAG 2.1 A/AA violation on any page or state. Each test opens its own browser.
 */

/**
 * The page's globals, as far as the functions this file runs in the page use them (the
 * project's types have no DOM; these declarations stay in this module).
 */
interface PageElement {
  readonly tagName: string;
  readonly className: string;
  readonly textContent: string | null;
  readonly childElementCount: number;
  readonly classList: { contains(name: string): boolean };
  matches(selector: string): boolean;
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  readonly activeElement: PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
};
declare const window: object;

const pagesUrl = () => inject('pagesUrl');
const now = '2027-10-20T08:00:00.000Z';

/** Events open to registration at the tests' clock, with a capacity (Studio test: none). */
const openEvents = demoDocuments<DemoEvent & { registration: { closesAt?: string } }>('event').filter(
  (event) =>
    event.status === 'scheduled' &&
    event.registration.enabled === true &&
    event.registration.capacity !== undefined &&
    // Registered at once: these tests follow the immediate confirmation (not a held place).
    (event.registration as { confirmationRequired?: boolean }).confirmationRequired === false &&
    (event.registration.closesAt ?? '9999') > now &&
    event.startsAt > now,
);
/** One event per test that registers, so that no test sees another's registration. */
const eventFor = {
  mouse: openEvents[20] as DemoEvent,
  keyboard: openEvents[21] as DemoEvent,
  axe: openEvents[22] as DemoEvent,
  errors: openEvents[23] as DemoEvent,
};

const eventPage = (event: DemoEvent) => `${pagesUrl()}/manifestation.html?slug=${event.slug.current}`;

const registrationOf = async (event: DemoEvent) =>
  (
    (await (await fetch(`${apiUrl()}/events/${event.slug.current}`)).json()) as {
      registration: { open: boolean; placesLeft: number | null };
    }
  ).registration;

/** The manage link (`<pages>/inscription.html?jeton=…`) of the confirmation mail `email` receives. */
async function manageLinkMailedTo(email: string): Promise<string> {
  const inbox = await waitForEmails((all) =>
    mailTo(all, email).some((mail) => mail.subject.startsWith('Inscription confirmée')),
  );
  const mail = mailTo(inbox, email).find((candidate) =>
    candidate.subject.startsWith('Inscription confirmée'),
  );
  const link = mail?.body.text?.match(/https?:\/\/[^\s\]]+\/inscription\.html\?jeton=[^\s\]]+/)?.[0];
  expect(link, `no manage link in:\n${mail?.body.text}`).toBeDefined();
  expect(link?.startsWith(`${pagesUrl()}/inscription.html?jeton=`)).toBe(true);
  return link as string;
}

const teamMailFrom = (all: DeliveredEmail[], email: string) =>
  all.find((mail) => mail.replyTo.includes(email) && !mail.destination.to.includes(email));

describe('an event page (<essaim-event>) and the manage page (<essaim-registration>)', () => {
  it('registers, mails the manage link, which shows the registration and cancels it; the place comes back', async (context) => {
    const { page } = await browserFor(context);
    const event = eventFor.mouse;
    const before = await registrationOf(event);
    expect(before.open).toBe(true);
    const email = uniqueEmail('souris');

    await page.goto(eventPage(event));
    await page.getByRole('heading', { level: 1, name: event.title }).waitFor();
    expect(await page.title()).toContain(event.title);
    await page.getByLabel('Nom et prénom').fill('Louise Martin-Roche');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
    await page.getByLabel(/J’accepte que ces informations soient transmises/).check();
    await page.getByRole('button', { name: 'M’inscrire' }).click();
    await page.getByRole('status').filter({ hasText: 'Votre inscription est confirmée.' }).waitFor();
    await expect
      .poll(async () => (await registrationOf(event)).placesLeft)
      .toBe((before.placesLeft ?? 0) - 1);

    const link = await manageLinkMailedTo(email);
    const response = await page.goto(link);
    const headers = response?.headers() ?? {};
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-robots-tag']).toMatch(/^noindex/);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/^noindex/);

    const manage = page.locator('essaim-registration');
    await manage.getByText('Votre inscription est confirmée : une place vous attend.').waitFor();
    expect(await manage.getByRole('link', { name: event.title }).count()).toBe(1);
    expect(await manage.textContent()).toContain(`Louise Martin-Roche (${email})`);

    await manage.getByRole('button', { name: 'Annuler mon inscription…' }).click();
    const question = manage.getByRole('group', { name: /Voulez-vous vraiment annuler/ });
    await question.waitFor();
    // The step can be left without cancelling anything.
    await question.getByRole('button', { name: 'Non, la garder' }).click();
    await manage.getByText('Votre inscription est confirmée : une place vous attend.').waitFor();
    await manage.getByRole('button', { name: 'Annuler mon inscription…' }).click();
    await manage.getByRole('button', { name: 'Oui, annuler mon inscription' }).click();
    const cancelled = manage.getByRole('status').filter({ hasText: 'annulée' });
    await cancelled.waitFor();
    expect(await cancelled.textContent()).toContain('Votre inscription est annulée');
    expect(await manage.getByRole('button', { name: 'Annuler mon inscription…' }).count()).toBe(0);
    await expect.poll(async () => (await registrationOf(event)).placesLeft).toBe(before.placesLeft);
  });
});

describe('the contact form (<essaim-contact>)', () => {
  it('sends a message: French thanks, the team’s mail', async (context) => {
    const { page } = await browserFor(context);
    const email = uniqueEmail('contact-page');
    await page.goto(`${pagesUrl()}/contact.html`);
    const form = page.locator('essaim-contact form');
    await form.waitFor();
    await form.getByLabel('Votre nom').fill('Malik Benali');
    await form.getByLabel('Votre adresse e-mail').fill(email);
    await form.getByLabel('Sujet').selectOption({ index: 1 });
    await form.getByLabel('Votre message').fill('Bonjour, peut-on venir à plusieurs à la visite du 12 ?');
    await form.getByLabel(/J’accepte que ces informations soient utilisées/).check();
    await form.getByRole('button', { name: 'Envoyer le message' }).click();
    const thanks = page.getByRole('status').filter({ hasText: 'Merci, votre message est bien envoyé.' });
    await thanks.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('essaim-notice'))).toBe(true);
    const team = teamMailFrom(await waitForEmails((all) => Boolean(teamMailFrom(all, email))), email);
    expect(team?.subject).toContain('Malik Benali');
    expect(team?.body.text).toContain('peut-on venir à plusieurs à la visite du 12');
  });
});

describe('the plain HTML form, in a browser without JavaScript', () => {
  const plainForm = (page: Page) =>
    page.getByRole('region', { name: 'Le même formulaire en HTML seul (sans JavaScript)' }).locator('form');

  it('posts, lands on the thank-you page (303), and the team is mailed', async (context) => {
    const { page } = await browserFor(context, { javaScriptEnabled: false });
    const email = uniqueEmail('sans-js');
    await page.goto(`${pagesUrl()}/demo.html`);
    const form = plainForm(page);
    await form.getByLabel('Votre nom').fill('Nathalie Ogier');
    await form.getByLabel('Votre adresse e-mail').fill(email);
    await form.getByLabel('Sujet').selectOption('adhesion');
    await form.getByLabel('Votre message').fill('Bonjour, comment adhérer au réseau ?');
    await form.getByLabel(/J’accepte/).check();
    await form.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.waitForURL(`${pagesUrl()}/merci-message.html`);
    await page.getByRole('heading', { level: 1, name: 'Merci, votre message est bien envoyé' }).waitFor();
    const team = teamMailFrom(await waitForEmails((all) => Boolean(teamMailFrom(all, email))), email);
    expect(team?.body.text).toContain('comment adhérer au réseau');
  });

  it('answers a refused form with the form again: its errors, what was typed', async (context) => {
    const { page } = await browserFor(context, { javaScriptEnabled: false });
    await page.goto(`${pagesUrl()}/demo.html`);
    const form = plainForm(page);
    await form.getByLabel('Votre nom').fill('Nathalie Ogier');
    // What the browser's own check lets through and the API does not (no domain).
    await form.getByLabel('Votre adresse e-mail').fill('nathalie@exemple');
    await form.getByLabel('Votre message').fill('Bonjour !');
    await form.getByLabel(/J’accepte/).check();
    const answered = page.waitForResponse(`${apiUrl()}/contact`);
    await form.getByRole('button', { name: 'Envoyer le message' }).click();
    expect((await answered).status()).toBe(400);
    const summary = page.locator('.essaim-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Le formulaire contient une erreur');
    expect(await summary.getByRole('link').textContent()).toMatch(/^Votre adresse e-mail : /);
    expect(await page.getByLabel('Votre nom').inputValue()).toBe('Nathalie Ogier');
    expect(await page.getByLabel('Votre adresse e-mail').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the programme (<essaim-programme>)', () => {
  it('filters by region from the list under the map, shows more, filters by format; each card has its .ics', async (context) => {
    const { page } = await browserFor(context);
    await page.goto(`${pagesUrl()}/programme.html`);
    const programme = page.locator('essaim-programme');
    const cards = programme.locator('.essaim-card');
    const count = programme.locator('.essaim-count');
    await cards.first().waitFor();
    const allCount = await count.textContent();

    const bretagne = programme.locator('.essaim-map-list').getByRole('button', { name: /^Bretagne/ });
    const label = (await bretagne.textContent()) ?? '';
    const bretagneCount = Number(label.match(/(\d+)\s+manifestations/)?.[1]);
    expect(bretagneCount).toBeGreaterThan(20);
    await bretagne.click();
    await expect.poll(() => count.textContent()).toBe(`${bretagneCount} manifestations`);
    expect(allCount).not.toBe(await count.textContent());
    await expect.poll(() => programme.getByLabel('Région', { exact: true }).inputValue()).toBe('53');
    expect(new URL(page.url()).searchParams.get('region')).toBe('53');
    expect(
      await programme
        .locator('.essaim-map-list')
        .getByRole('button', { name: /^Bretagne/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    await expect.poll(() => cards.count()).toBe(20);
    for (const meta of await cards.locator('.essaim-card-meta').allTextContents())
      expect(meta).toContain('Bretagne');
    // The other regions keep their counts: another one is a click away.
    expect(
      await programme
        .locator('.essaim-map-list')
        .getByRole('button', { name: /^Normandie/ })
        .textContent(),
    ).toMatch(/[1-9]\d* manifestations$/);

    await programme.getByRole('button', { name: 'Afficher plus de manifestations' }).click();
    await expect.poll(() => cards.count()).toBe(40);
    const focus = await page.evaluate(() => {
      const active = document.activeElement;
      const all = [...document.querySelectorAll('.essaim-card')];
      return {
        card: active ? all.indexOf(active.closest('.essaim-card') as PageElement) : -1,
        isTitleLink: Boolean(active?.matches('.essaim-card-title a')),
      };
    });
    expect(focus).toEqual({ card: 20, isTitleLink: true });
    for (const meta of await cards.locator('.essaim-card-meta').allTextContents())
      expect(meta).toContain('Bretagne');

    const format = eventFormats.find((term) => term.value === 'colloque') as { value: string; title: string };
    await programme.getByLabel('Format').selectOption(format.value);
    await programme.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('format')).toBe(format.value);
    await expect
      .poll(async () => (await count.textContent()) !== `${bretagneCount} manifestations`)
      .toBe(true);
    const metas = await cards.locator('.essaim-card-meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) {
      expect(meta).toContain('Bretagne');
      expect(meta).toContain(format.title);
    }

    const calendar = await cards
      .first()
      .getByRole('link', { name: /^Ajouter à mon agenda/ })
      .getAttribute('href');
    const ics = await fetch(calendar as string);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it('finds no violation on any hosted page', async (context) => {
    const { page } = await browserFor(context);
    const event = eventFor.axe;
    const email = uniqueEmail('axe-page');
    expect(
      (
        await postJson(`/events/${event.slug.current}/registrations`, {
          name: 'Axel Perrin',
          email,
          consent: true,
        })
      ).status,
    ).toBe(201);
    const manageLink = await manageLinkMailedTo(email);
    const slug = event.slug.current;
    /** Each page in the state a visitor meets it (a token page with its link). */
    const known: Partial<Record<HostedPageName, string>> = {
      home: '/index.html',
      programme: '/programme.html',
      event: `/manifestation.html?slug=${slug}`,
      contact: '/contact.html',
      manageRegistration: manageLink.slice(pagesUrl().length),
      attendeeList: `/liste-des-inscrits.html?manifestation=${slug}&jeton=faux`,
      messageSent: '/merci-message.html',
      registrationConfirmed: `/merci-inscription.html?manifestation=${slug}&statut=confirmee`,
      registrationWaitlisted: `/merci-liste-d-attente.html?manifestation=${slug}&position=3`,
      registrationPending: `/merci-inscription-a-confirmer.html?manifestation=${slug}&statut=a-confirmer`,
      demo: '/demo.html',
    };
    const pages: [string, string][] = [
      ...(Object.keys(hostedPages) as HostedPageName[]).map((name): [string, string] => [
        name,
        known[name] ?? hostedPages[name].path,
      ]),
      // The error states: a link cut short, an event that does not exist.
      ['attendee list, incomplete link', '/liste-des-inscrits.html?jeton=faux'],
      ['unknown event', '/manifestation.html?slug=cette-manifestation-n-existe-pas'],
    ];
    // What the pages' own server fails to serve, and what the browser refuses (CSP).
    let problems: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url().startsWith(pagesUrl()))
        problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text()))
        problems.push(message.text());
    });
    for (const [name, path] of pages) {
      problems = [];
      await page.goto(`${pagesUrl()}${path}`);
      await componentsReady(page);
      if (name === 'programme' || name === 'demo') await page.locator('.essaim-map-svg').first().waitFor();
      if (name === 'attendee list, incomplete link')
        await page.getByRole('alert').filter({ hasText: 'Lien incomplet' }).waitFor();
      await expectNoAxeViolations(page, name);
      expect(await page.locator('h1').count(), `${name}: one level-1 heading`).toBe(1);
      expect(problems, name).toEqual([]);
    }
  });

  it('finds no violation in the components’ states: errors shown, success, confirmation, filters', async (context) => {
    const { page } = await browserFor(context);
    const event = eventFor.axe;

    // The registration form: refused empty, then accepted.
    await page.goto(eventPage(event));
    const register = page.getByRole('button', { name: 'M’inscrire' });
    await register.click();
    await page.locator('.essaim-error-summary').waitFor();
    await expectNoAxeViolations(page, 'registration form with its errors');
    await page.getByLabel('Nom et prénom').fill('Axel Perrin');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(uniqueEmail('axe-etat'));
    await page.getByLabel(/J’accepte/).check();
    await page.getByRole('button', { name: 'M’inscrire' }).click();
    await page.locator('.essaim-notice-success').waitFor();
    await expectNoAxeViolations(page, 'registration accepted');

    // The contact form: refused empty, then accepted.
    await page.goto(`${pagesUrl()}/contact.html`);
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.locator('.essaim-error-summary').waitFor();
    await expectNoAxeViolations(page, 'contact form with its errors');
    await page.getByLabel('Votre nom').fill('Axel Perrin');
    await page.getByLabel('Votre adresse e-mail').fill(uniqueEmail('axe-contact'));
    await page.getByLabel('Sujet').selectOption({ index: 1 });
    await page.getByLabel('Votre message').fill('Bonjour.');
    await page.getByLabel(/J’accepte/).check();
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.locator('.essaim-notice-success').waitFor();
    await expectNoAxeViolations(page, 'contact message sent');

    // The manage page: the confirmation step, then cancelled.
    const email = uniqueEmail('axe-annule');
    expect(
      (
        await postJson(`/events/${event.slug.current}/registrations`, {
          name: 'Axel Perrin',
          email,
          consent: true,
        })
      ).status,
    ).toBe(201);
    await page.goto(await manageLinkMailedTo(email));
    await page.getByRole('button', { name: 'Annuler mon inscription…' }).click();
    await page.getByRole('button', { name: 'Oui, annuler mon inscription' }).waitFor();
    await expectNoAxeViolations(page, 'manage page, confirmation step');
    await page.getByRole('button', { name: 'Oui, annuler mon inscription' }).click();
    await page.getByRole('status').filter({ hasText: 'annulée' }).waitFor();
    await expectNoAxeViolations(page, 'manage page, cancelled');

    // The plain form (not enhanced, even with JavaScript): the API's page with the form again.
    await page.goto(`${pagesUrl()}/demo.html`);
    const plain = page.getByRole('region', { name: 'Le même formulaire en HTML seul (sans JavaScript)' });
    await plain.getByLabel('Votre nom').fill('Axel Perrin');
    await plain.getByLabel('Votre adresse e-mail').fill('axel@exemple');
    await plain.getByLabel('Votre message').fill('Bonjour.');
    await plain.getByLabel(/J’accepte/).check();
    await plain.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.locator('.essaim-error-summary').waitFor();
    await expectNoAxeViolations(page, 'the API’s answer to a refused plain form');

    // The programme with a region chosen and more cards shown.
    await page.goto(`${pagesUrl()}/programme.html`);
    const programme = page.locator('essaim-programme');
    await programme.locator('.essaim-card').first().waitFor();
    const normandie = programme.locator('.essaim-map-list').getByRole('button', { name: /^Normandie/ });
    const normandieCount = ((await normandie.textContent()) ?? '').match(/(\d+)\s+manifestations/)?.[1];
    await normandie.click();
    await expect.poll(() => programme.getByLabel('Région', { exact: true }).inputValue()).toBe('28');
    // The region's first page is in (on a busy machine it comes after the click) before asking for more.
    await expect
      .poll(() => programme.locator('.essaim-count').textContent())
      .toBe(`${normandieCount} manifestations`);
    await programme.getByRole('button', { name: 'Afficher plus de manifestations' }).click();
    await expect.poll(() => programme.locator('.essaim-card').count()).toBe(40);
    await expectNoAxeViolations(page, 'programme, one region, two pages');
  });
});

describe('by keyboard alone', () => {
  it('registers: Tab to each field, Space ticks the consent, Enter sends; the success message takes focus', async (context) => {
    const { page } = await browserFor(context);
    const email = uniqueEmail('clavier');
    await page.goto(eventPage(eventFor.keyboard));
    await page.locator('essaim-event form').waitFor();
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return active?.getAttribute('name') ?? active?.className ?? active?.tagName ?? '';
      });

    await tabUntil(page, 'input[name="name"]');
    await page.keyboard.type('Samuel Nguyen');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('consent');
    await page.keyboard.press('Space');
    expect(await page.getByLabel(/J’accepte/).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('M’inscrire');
    await page.keyboard.press('Enter');

    await page.waitForFunction(() =>
      document.activeElement?.matches('.essaim-notice-success[role="status"]'),
    );
    expect(await page.locator('.essaim-notice-success').textContent()).toContain(
      'Votre inscription est confirmée',
    );
    await manageLinkMailedTo(email);
  });

  it('sends with errors: focus on the summary, whose links lead to the fields', async (context) => {
    const { page } = await browserFor(context);
    await page.goto(eventPage(eventFor.errors));
    await page.locator('essaim-event form').waitFor();
    await tabUntil(page, 'input[name="name"]');
    await page.keyboard.type('Samuel Nguyen');
    await tabUntil(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');

    await page.waitForFunction(() => document.activeElement?.matches('.essaim-error-summary'));
    const summary = page.locator('.essaim-error-summary');
    expect(await summary.locator('h2, h3, h4, h5, h6').first().textContent()).toBe(
      'Le formulaire contient 2 erreurs',
    );
    // What was typed is still there.
    expect(await page.getByLabel('Nom et prénom').inputValue()).toBe('Samuel Nguyen');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Adresse e-mail : /);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.matches('input[name="email"]'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await page.keyboard.type(uniqueEmail('clavier-erreurs'));

    await tabUntil(page, '.essaim-error-summary a[href$="-consent"]', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.matches('input[name="consent"]'));
  });
});

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after 40. */
async function tabUntil(page: Page, selector: string, key = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press(key);
    if (await page.evaluate((wanted) => Boolean(document.activeElement?.matches(wanted)), selector)) return;
  }
  throw new Error(`${key} never reached ${selector}`);
}
