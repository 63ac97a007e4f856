import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { atTime } from './abuseSupport.ts';
import { confirmedSubscriber, localAddressKey, subscribe, tokenOfLink } from './subscriptionSupport.ts';
import {
  apiUrl,
  documentClient,
  mailTo,
  pagesUrl,
  settledEmails,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

const subscribers = localTableName('subscribers');

describe('subscriptions', () => {
  it('offers the public lists editors keep, the regions, the themes and the digests', async () => {
    const response = await fetch(`${apiUrl()}/subscription-options`);
    const options = (await response.json()) as {
      lists: { id: string }[];
      regions: unknown[];
      themes: unknown[];
    };
    expect(options.lists.map((list) => list.id)).toEqual(expect.arrayContaining(['actualites', 'mois-ess']));
    expect(options.lists.map((list) => list.id)).not.toContain('equipe-test');
    expect(options.regions).toHaveLength(18);
  });

  it('confirms by the mailed link only, and sends nothing but the confirmation before', async () => {
    const email = uniqueEmail('double-opt-in');
    const response = await subscribe(email, { name: 'Lou', lists: ['actualites', 'mois-ess'] });
    expect(response.status).toBe(202);
    const mails = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    expect(mails[0]?.subject).toContain('Confirmez votre abonnement');
    expect(mails[0]?.body.text).toContain('« Actualités du réseau »');
    const token = tokenOfLink(mails[0], 'confirmer-abonnement');
    expect(mails[0]?.body.text).toContain(`${pagesUrl()}/confirmer-abonnement.html?jeton=`);
    // Opening the link's page changes nothing; the page's POST confirms, twice harmlessly.
    const url = `${apiUrl()}/subscriptions/${encodeURIComponent(token)}/confirmation`;
    const first = await fetch(url, { method: 'POST' });
    expect(first.status).toBe(200);
    const view = (await first.json()) as { status: string; lists: string[]; preferencesToken: string };
    expect(view.status).toBe('confirmed');
    expect(view.lists).toEqual(['actualites', 'mois-ess']);
    expect((await fetch(url, { method: 'POST' })).status).toBe(200);
    const preferences = await fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(view.preferencesToken)}`);
    expect(((await preferences.json()) as { name: string }).name).toBe('Lou');
  });

  it('answers every kind of address alike, and mails a confirmed one its preference link at most once a day', async () => {
    const { email } = await confirmedSubscriber('deja');
    const fresh = uniqueEmail('nouvelle');
    const answers = await Promise.all([subscribe(email), subscribe(fresh), subscribe(email)]);
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect(new Set(bodies).size).toBe(1);
    const mails = await settledEmails();
    const toConfirmed = mailTo(mails, email);
    // The confirmation, then one preference link (not two).
    expect(toConfirmed.map((mail) => mail.subject)).toEqual([
      expect.stringContaining('Confirmez'),
      expect.stringContaining('Gérer votre abonnement'),
    ]);
    expect(tokenOfLink(toConfirmed[1], 'preferences-abonnement')).not.toBe('');
  });

  it('caps the form at 3 mails per address per 24 hours, under 100 parallel requests', async () => {
    const email = uniqueEmail('bombe');
    const answers = await Promise.all(Array.from({ length: 100 }, () => subscribe(email)));
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([202]));
    await waitForEmails((all) => mailTo(all, email).length >= 3);
    expect(mailTo(await settledEmails(), email)).toHaveLength(3);
  });

  it('changes preferences with the link, and refuses forged, tampered and foreign tokens alike', async () => {
    const { preferencesToken } = await confirmedSubscriber('preferences');
    const url = `${apiUrl()}/subscriptions/${encodeURIComponent(preferencesToken)}`;
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        lists: ['mois-ess'],
        regions: ['11', '53'],
        themes: ['cooperation'],
        digest: 'monthly',
      }),
    });
    expect(put.status).toBe(200);
    const view = (await (await fetch(url)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ lists: ['mois-ess'], regions: ['11', '53'], digest: 'monthly' });
    // The lists offered: the public ones; a list editors keep for themselves is neither offered nor taken.
    expect((view.availableLists as { id: string }[]).map((list) => list.id)).toEqual([
      'actualites',
      'mois-ess',
    ]);
    const teamList = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lists: ['mois-ess', 'equipe-test'] }),
    });
    expect(teamList.status).toBe(400);
    const invalid = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lists: ['inconnue'], digest: 'daily' }),
    });
    expect(invalid.status).toBe(400);
    const [keyId, payload, mac] = preferencesToken.split('.') as [string, string, string];
    const tampered = [
      `${keyId}.${payload}.${mac.slice(0, -2)}AA`,
      `${keyId}.${payload.slice(0, -1)}x.${mac}`,
      'x.y.z',
    ];
    const answers = await Promise.all(
      tampered.map((token) => fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(token)}`)),
    );
    const problems = (await Promise.all(answers.map((answer) => answer.json()))) as Record<string, unknown>[];
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    expect(new Set(problems.map((problem) => JSON.stringify({ ...problem, instance: '' }))).size).toBe(1);
  });

  it('unsubscribes in one click as mail providers post it, both encodings, and a GET changes nothing', async () => {
    const { email, preferencesToken } = await confirmedSubscriber('un-clic');
    // The preference mail of a second request carries an unsubscribe-all link: take its token.
    await subscribe(email);
    const mails = mailTo(await waitForEmails((all) => mailTo(all, email).length === 2), email);
    const unsubscribeAll = tokenOfLink(mails[1], 'desabonnement');
    expect(unsubscribeAll).not.toBe('');
    const url = `${apiUrl()}/unsubscribe/${encodeURIComponent(unsubscribeAll)}`;
    const opened = await fetch(url, { redirect: 'manual' });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain(
      `href="${pagesUrl()}/desabonnement.html?jeton=${encodeURIComponent(unsubscribeAll)}"`,
    );
    expect((await fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(preferencesToken)}`)).status).toBe(
      200,
    );

    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    const oneClick = await fetch(url, { method: 'POST', body: multipart, redirect: 'manual' });
    expect(oneClick.status).toBe(200);
    expect((await fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(preferencesToken)}`)).status).toBe(
      404,
    );
    // Again, form-encoded this time: the same answer.
    const again = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(again.status).toBe(200);
    // Only a keyed hash and a date remain.
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: subscribers,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SUB#${localAddressKey(email)}` },
      }),
    );
    // The form's mail slots (a kind and a time, for the 24-hour cap) and the marker.
    expect(Items?.map((item) => item.sk).filter((sk) => !sk.startsWith('FORMMAIL#'))).toEqual([
      'UNSUBSCRIBED',
    ]);
    expect(JSON.stringify(Items)).not.toContain(email);
  });

  it('re-subscribes after an unsubscribe only through a new confirmation', async () => {
    const { email, preferencesToken } = await confirmedSubscriber('retour');
    expect(
      (await fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(preferencesToken)}`, { method: 'DELETE' }))
        .status,
    ).toBe(200);
    expect((await subscribe(email)).status).toBe(202);
    const mails = mailTo(await waitForEmails((all) => mailTo(all, email).length === 2), email);
    expect(mails[1]?.subject).toContain('Confirmez votre abonnement');
  });

  it('takes plain HTML form posts, lists as repeated fields', async () => {
    const email = uniqueEmail('formulaire');
    const response = await fetch(`${apiUrl()}/subscriptions`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['email', email],
        ['lists', 'actualites'],
        ['lists', 'mois-ess'],
        ['regions', '53'],
        ['digest', 'weekly'],
        ['consent', 'true'],
      ]).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${pagesUrl()}/merci-abonnement.html`);
    const refused = await fetch(`${apiUrl()}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['email', uniqueEmail('sans-liste')],
        ['consent', 'true'],
      ]).toString(),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choisissez au moins une liste.');
  });

  it('keeps a pending subscription only until its link lapses, then leaves nothing behind', async () => {
    const email = uniqueEmail('expire');
    await subscribe(email);
    const [mail] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    const token = tokenOfLink(mail, 'confirmer-abonnement');
    const profile = await documentClient().send(
      new GetCommand({ TableName: subscribers, Key: { pk: `SUB#${localAddressKey(email)}`, sk: 'PROFILE' } }),
    );
    // A TTL a day after the 7 days, for DynamoDB to clean up; the code checks the 7 days itself.
    const pendingUntil = Date.parse(profile.Item?.pendingUntil as string);
    expect((profile.Item?.expiresAt as number) * 1000 - pendingUntil).toBe(86_400_000);
    // Eight days later by the function's clock: the link confirms nothing and the data goes.
    useLocalFunctionEnvironment();
    const { handler } = (await import('../../functions/subscriptions/confirmSubscription.ts')) as unknown as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    await atTime(new Date(pendingUntil + 86_400_000).toISOString(), async () => {
      const answer = await handler(
        {
          version: '2.0',
          routeKey: 'POST /subscriptions/{token}/confirmation',
          rawPath: '/subscriptions/x/confirmation',
          rawQueryString: '',
          headers: {},
          pathParameters: { token },
          requestContext: { requestId: 'expiry-test', domainName: '127.0.0.1', http: { method: 'POST' } },
          isBase64Encoded: false,
        },
        lambdaContext('confirmSubscription'),
      );
      expect(answer.statusCode).toBe(410);
      expect(JSON.parse(answer.body).detail).toContain('a expiré');
    });
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: subscribers,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SUB#${localAddressKey(email)}` },
      }),
    );
    expect(Items?.filter((item) => item.sk === 'PROFILE')).toEqual([]);
  });

  it('ends the subscription after a complaint (SES mailbox simulator) and mails that address nothing again', async () => {
    const email = `complaint+${Date.now()}@simulator.amazonses.com`;
    expect((await subscribe(email)).status).toBe(202);
    // The confirmation goes out; the simulator's complaint comes back through SNS and suppresses.
    await waitForEmails((all) => mailTo(all, email).length === 1);
    const key = `SUB#${localAddressKey(email)}`;
    const deadline = Date.now() + 15_000;
    let items: Record<string, unknown>[] | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ({ Items: items } = await documentClient().send(
        new QueryCommand({
          TableName: subscribers,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': key },
        }),
      ));
    } while (items?.some((item) => item.sk === 'PROFILE') && Date.now() < deadline);
    expect(items?.find((item) => item.sk === 'UNSUBSCRIBED')).toMatchObject({ reason: 'complaint' });
    expect(JSON.stringify(items)).not.toContain('complaint+');
    // Asked again (by anyone): the same answer, and nothing is sent.
    expect((await subscribe(email)).status).toBe(202);
    expect(mailTo(await settledEmails(), email)).toHaveLength(1);
  });
});
