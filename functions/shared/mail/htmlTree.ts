/**
 * The HTML a mail's layout writes, read into a tree for its text part (`htmlText.ts`): tags with
 * double-quoted attributes, void and self-closed elements, comments (MJML's Outlook conditionals)
 * and the entities html-escaper writes. Well-formed by construction: a closing tag that does not
 * close the open element, or an entity html-escaper never writes, is an error, never a guess.
 */
export type HtmlNode =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'tag';
      readonly name: string;
      readonly attributes: Readonly<Record<string, string>>;
      readonly children: HtmlNode[];
    };

const voidElements = new Set(['br', 'img', 'meta', 'link', 'hr', 'input', 'wbr', 'col', 'source']);
/** Their content is text until their closing tag. */
const rawTextElements = new Set(['style', 'script', 'title']);
const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (_, entity: string) => {
    if (entity.startsWith('#'))
      return String.fromCodePoint(
        entity[1] === 'x' || entity[1] === 'X'
          ? Number.parseInt(entity.slice(2), 16)
          : Number.parseInt(entity.slice(1), 10),
      );
    const decoded = namedEntities[entity];
    if (decoded === undefined) throw new Error(`The entity &${entity}; is not one the layout writes`);
    return decoded;
  });
}

const tagPattern =
  /^<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*"[^"]*")?)*)\s*(\/?)>/;
const attributePattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g;

export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlNode & { type: 'tag' } = { type: 'tag', name: '#root', attributes: {}, children: [] };
  const open: (HtmlNode & { type: 'tag' })[] = [root];
  let at = 0;
  const current = () => open.at(-1) as HtmlNode & { type: 'tag' };
  const addText = (text: string) => {
    if (text) current().children.push({ type: 'text', text: decodeEntities(text) });
  };
  while (at < html.length) {
    const next = html.indexOf('<', at);
    if (next < 0) {
      addText(html.slice(at));
      break;
    }
    addText(html.slice(at, next));
    at = next;
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      if (end < 0) throw new Error('An unclosed comment');
      at = end + 3;
    } else if (html.startsWith('<!', at)) {
      at = html.indexOf('>', at) + 1;
    } else if (html.startsWith('</', at)) {
      const end = html.indexOf('>', at);
      const name = html
        .slice(at + 2, end)
        .trim()
        .toLowerCase();
      if (current().name !== name) throw new Error(`</${name}> does not close <${current().name}>`);
      open.pop();
      at = end + 1;
    } else {
      const match = tagPattern.exec(html.slice(at, at + 4096));
      if (!match) throw new Error('A tag that is not the layout’s');
      const name = (match[1] as string).toLowerCase();
      const attributes: Record<string, string> = {};
      for (const [, attribute, value] of (match[2] ?? '').matchAll(attributePattern))
        attributes[(attribute as string).toLowerCase()] = decodeEntities(value ?? '');
      const node: HtmlNode & { type: 'tag' } = { type: 'tag', name, attributes, children: [] };
      current().children.push(node);
      at += match[0].length;
      if (rawTextElements.has(name)) {
        const end = html.toLowerCase().indexOf(`</${name}`, at);
        node.children.push({ type: 'text', text: html.slice(at, end) });
        at = html.indexOf('>', end) + 1;
      } else if (!voidElements.has(name) && match[3] !== '/') {
        open.push(node);
      }
    }
  }
  if (open.length > 1) throw new Error(`<${current().name}> is not closed`);
  return root.children;
}
