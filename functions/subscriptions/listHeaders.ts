import { setting } from '../shared/settings.ts';
import type { TokenKeyRing } from '../shared/tokens/signedTokens.ts';
import {
  preferencesPageUrl,
  signPreferencesToken,
  signUnsubscribeToken,
  unsubscribePageUrl,
} from './subscriptionLinks.ts';

export interface MailHeader {
  readonly Name: string;
  readonly Value: string;
}

/** The one-click unsubscribe URL of a subscriber for one list (RFC 8058: it takes a POST). */
export const oneClickUnsubscribeUrl = (subscriptionId: string, list: string, ring: TokenKeyRing): string =>
  `${setting('apiUrl')}/unsubscribe/${encodeURIComponent(signUnsubscribeToken(subscriptionId, list, ring))}`;

/** `List-Id` (RFC 2919): the list id under the sending domain, with the list's title as phrase. */
export function listIdHeader(list: { id: string; title?: string | undefined }): string {
  const domain = setting('mailFrom').split('@')[1] ?? 'essaim.example';
  const phrase = list.title?.replace(/[\p{Cc}"\\]+/gu, ' ').trim();
  const id = `<${list.id}.listes.${domain}>`;
  // Header values are ASCII: a French title goes MIME-encoded (RFC 2047), as SES expects.
  if (!phrase) return id;
  return /^[\x20-\x7e]*$/.test(phrase)
    ? `"${phrase}" ${id}`
    : `=?UTF-8?B?${Buffer.from(phrase, 'utf8').toString('base64')}?= ${id}`;
}

/**
 * What every newsletter and digest mail carries for its recipient: RFC 2369 / RFC 8058
 * one-click unsubscribe from the list it came through, and `List-Id`. Only the HTTPS URI:
 * a `mailto:` one needs a mailbox SES receives (not part of this stack; see the README).
 */
export function subscriberListHeaders(
  subscriptionId: string,
  list: { id: string; title?: string | undefined },
  ring: TokenKeyRing,
): MailHeader[] {
  return [
    { Name: 'List-Unsubscribe', Value: `<${oneClickUnsubscribeUrl(subscriptionId, list.id, ring)}>` },
    { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    { Name: 'List-Id', Value: listIdHeader(list) },
  ];
}

/** The links the body of a subscriber's mail carries: preferences, and the page to leave this list or all. */
export function subscriberLinks(subscriptionId: string, list: string, ring: TokenKeyRing) {
  return {
    preferencesUrl: preferencesPageUrl(signPreferencesToken(subscriptionId, ring)),
    unsubscribeUrl: unsubscribePageUrl(signUnsubscribeToken(subscriptionId, list, ring)),
  };
}
