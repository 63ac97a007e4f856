import { describe, expect, it } from 'vitest';
import {
  apiUrl,
  type DemoEvent,
  demoDocuments,
  editorClient,
  mailTo,
  postJson,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

const getJsonBody = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${apiUrl()}${path}`)).json()) as T;

const events = demoDocuments<DemoEvent>('event').filter(
  (doc) => doc.status === 'scheduled' && doc.registration.capacity === undefined,
);

/**
 * What the Studio does, through the stand-in's actions (the endpoint the Studio calls over
 * HTTPS, answered by the same code on the stack's plain listener): a draft changes nothing for
 * visitors or registrants; publishing it sends the signed webhook, the workers follow.
 */
describe('an editor’s work in the Studio, through the Content Lake stand-in’s actions', () => {
  it('a new time kept as a draft tells no one; published, it reaches the event page and every registrant', async () => {
    const event = events[41] as DemoEvent; // an event no other test registers to
    const email = uniqueEmail('studio-publie');
    const registered = await postJson(`/events/${event.slug.current}/registrations`, {
      name: 'Inès Morel',
      email,
      consent: true,
    });
    expect(registered.status).toBe(201);
    await waitForEmails((all) => mailTo(all, email).length === 1);

    const editor = editorClient();
    const startsAt = new Date(Date.parse(event.startsAt) + 3600_000).toISOString();
    const endsAt = new Date(Date.parse(event.endsAt) + 3600_000).toISOString();
    // The Studio's first keystroke makes the draft from the published document; later ones patch it.
    await editor.action({
      actionType: 'sanity.action.document.edit',
      draftId: `drafts.${event._id}`,
      publishedId: event._id,
      patch: { unset: ['_empty_action_guard_pseudo_field_'] },
    });
    await editor.action({
      actionType: 'sanity.action.document.edit',
      draftId: `drafts.${event._id}`,
      publishedId: event._id,
      patch: { set: { startsAt, endsAt } },
    });
    expect(mailTo(await settledEmails(), email)).toHaveLength(1);
    expect((await getJsonBody<{ startsAt: string }>(`/events/${event.slug.current}`)).startsAt).toBe(
      event.startsAt,
    );

    const published = (await editor.getDocument(event._id)) as { _rev: string };
    await editor.action({
      actionType: 'sanity.action.document.publish',
      draftId: `drafts.${event._id}`,
      publishedId: event._id,
      ifPublishedRevisionId: published._rev,
    });
    const inbox = await waitForEmails((all) =>
      mailTo(all, email).some((mail) => mail.subject.startsWith('Changement :')),
    );
    const notice = mailTo(inbox, email).find((mail) => mail.subject.startsWith('Changement :'));
    expect(notice?.subject).toBe(`Changement : ${event.title}`);
    expect(notice?.body.text).toContain('au lieu de');
    const deadline = Date.now() + 8000;
    let shown = '';
    while (shown !== startsAt && Date.now() < deadline) {
      shown = (await getJsonBody<{ startsAt: string }>(`/events/${event.slug.current}`)).startsAt;
      if (shown !== startsAt) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(shown).toBe(startsAt);
    // One notice, though two transactions touched the event (the draft's do not count).
    expect(
      mailTo(await settledEmails(), email).filter((mail) => mail.subject.startsWith('Changement')),
    ).toHaveLength(1);
  });
});
