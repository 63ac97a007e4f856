/**
 * What a `POST /unsubscribe/{token}` asks, from its raw body: RFC 8058's one-click
 * `List-Unsubscribe=One-Click` (as `multipart/form-data`, which the RFC recommends, or
 * `application/x-www-form-urlencoded`), or the unsubscribe page's `scope=all` / `scope=list`.
 * Pure: no AWS, no framework.
 */
export type UnsubscribeAsk = 'oneClick' | 'list' | 'all' | null;

export function unsubscribeAskOf(contentType: string, body: string): UnsubscribeAsk {
  const type = contentType.toLowerCase();
  const fields = new Map<string, string>();
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return null;
    for (const part of body.split(`--${boundary}`)) {
      const name = /content-disposition:[^\r\n]*\bname="([^"]+)"/i.exec(part)?.[1];
      const value = /\r?\n\r?\n([\s\S]*?)\r?\n?$/.exec(part)?.[1];
      if (name && value !== undefined) fields.set(name, value.trim());
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body)) fields.set(name, value);
  } else {
    return null;
  }
  if (fields.get('List-Unsubscribe') === 'One-Click') return 'oneClick';
  const scope = fields.get('scope');
  return scope === 'all' || scope === 'list' ? scope : null;
}
