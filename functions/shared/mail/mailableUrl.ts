/** Whether a mail may link to this URL: absolute https, or http for a local development host. */
export function isMailableUrl(href: string): boolean {
  const url = URL.parse(href);
  const local =
    url !== null &&
    (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname.endsWith('.localhost'));
  return url !== null && (url.protocol === 'https:' || (url.protocol === 'http:' && local));
}
