/**
 * Atom feeds (RFC 4287), written here: the news' and the newsletters' archive. The `feed`
 * package wrote them before, with an XML library (40 KiB in each feed's function); this writes
 * the same bytes (a unit test compares them), except that a `]]>` in a text is always split out
 * of its CDATA section (the library split the first one only, which broke the XML at a second).
 */
export interface AtomEntry {
  /** HTML allowed (a CDATA section). */
  readonly title: string;
  /** A URI: a tag URI (RFC 4151) for ours. */
  readonly id: string;
  readonly link: string;
  readonly updated: Date;
  readonly summary?: string;
  readonly content?: string;
  readonly authors?: readonly string[];
  readonly categories?: readonly { readonly term: string; readonly label: string }[];
  readonly published?: Date;
}

export interface AtomFeed {
  readonly id: string;
  readonly title: string;
  readonly updated: Date;
  /** The site the feed is about. */
  readonly link: string;
  /** Where the feed itself is served. */
  readonly selfLink: string;
  readonly subtitle?: string;
  readonly rights?: string;
  readonly entries: readonly AtomEntry[];
}

/** An XML node as the feed is written: text, a CDATA section, or elements. */
type Content = { readonly text: string } | { readonly cdata: string } | readonly XmlElement[];
interface XmlElement {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly content?: Content;
}

export function atomXml(feed: AtomFeed): string {
  const root: XmlElement = {
    name: 'feed',
    attributes: { xmlns: 'http://www.w3.org/2005/Atom' },
    content: [
      { name: 'id', content: { text: feed.id } },
      { name: 'title', content: { text: feed.title } },
      { name: 'updated', content: { text: feed.updated.toISOString() } },
      { name: 'generator', content: { text: 'Essaim' } },
      { name: 'link', attributes: { rel: 'alternate', href: urlAttribute(feed.link) } },
      { name: 'link', attributes: { rel: 'self', href: urlAttribute(feed.selfLink) } },
      ...(feed.subtitle ? [{ name: 'subtitle', content: { text: feed.subtitle } }] : []),
      ...(feed.rights ? [{ name: 'rights', content: { text: feed.rights } }] : []),
      ...feed.entries.map(entryElement),
    ],
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${elementXml(root, 0)}`;
}

function entryElement(entry: AtomEntry): XmlElement {
  return {
    name: 'entry',
    content: [
      { name: 'title', attributes: { type: 'html' }, content: { cdata: entry.title } },
      { name: 'id', content: { text: ampersands(new URL(entry.id).toString()) } },
      { name: 'link', attributes: { href: urlAttribute(entry.link) } },
      { name: 'updated', content: { text: entry.updated.toISOString() } },
      ...(entry.summary
        ? [{ name: 'summary', attributes: { type: 'html' }, content: { cdata: entry.summary } }]
        : []),
      ...(entry.content
        ? [{ name: 'content', attributes: { type: 'html' }, content: { cdata: entry.content } }]
        : []),
      ...(entry.authors ?? []).map((name) => ({
        name: 'author',
        content: [{ name: 'name', content: { text: name } }],
      })),
      ...(entry.categories ?? []).map((category) => ({
        name: 'category',
        attributes: { label: ampersands(category.label), term: ampersands(category.term) },
      })),
      ...(entry.published ? [{ name: 'published', content: { text: entry.published.toISOString() } }] : []),
    ],
  };
}

const ampersands = (text: string): string => text.replace(/&/g, '&amp;');
/** A link, as URL parsing normalises it. */
const urlAttribute = (url: string): string => ampersands(new URL(url).toString());

/** Text: escaped, an `&amp;` already written being kept as it is. */
const textXml = (text: string): string =>
  text.replace(/&amp;/g, '&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const cdataXml = (text: string): string => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** Four spaces per level, each element on its line, texts inline, empty elements self-closed. */
function elementXml(element: XmlElement, depth: number): string {
  const attributes = Object.entries(element.attributes ?? {})
    .map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;')}"`)
    .join('');
  const { content } = element;
  if (content === undefined) return `<${element.name}${attributes}/>`;
  if ('text' in content) return `<${element.name}${attributes}>${textXml(content.text)}</${element.name}>`;
  if ('cdata' in content) return `<${element.name}${attributes}>${cdataXml(content.cdata)}</${element.name}>`;
  const indent = (level: number) => `\n${'    '.repeat(level)}`;
  const children = (content as readonly XmlElement[])
    .map((child) => indent(depth + 1) + elementXml(child, depth + 1))
    .join('');
  return `<${element.name}${attributes}>${children}${indent(depth)}</${element.name}>`;
}
