/**
 * The plain-text part of a mail, made from its HTML as html-to-text 10 made it with the options
 * the layout used (no wrapping; facts as « label : value » lines; the logo by its alt text; the
 * preheader left out; headings in their own case): a unit test compares both on every layout
 * the mails use. html-to-text and its HTML parser (htmlparser2 with the entity tables, 300 KiB)
 * read any HTML; this reads the markup the layout writes (its tags, html-escaper's entities) and
 * throws on anything else. The text builder below follows html-to-text's (MIT licence): blocks
 * keep the larger of the line breaks around them, words are split on the same white space.
 */
import { type HtmlNode, parseHtml } from './htmlTree.ts';

/** The class of the facts table (`emailLayout.ts`), read as « label : value » lines. */
export const factsTableClass = 'facts';

/** html-to-text's white space: these separate words, and runs of them make one space. */
const whitespace = ' \\t\\r\\n\\f\\u200b';
const wordPattern = new RegExp(`[^${whitespace}]+`, 'g');
const leadingWhitespace = new RegExp(`^[${whitespace}]`);
const trailingWhitespace = new RegExp(`[${whitespace}]$`);
const onlyWhitespace = new RegExp(`^[${whitespace}]*$`);

/** The words of the block being written, line by line (html-to-text's InlineTextBuilder, never wrapping). */
class Lines {
  lines: string[][] = [];
  current: string[] = [];
  stashedSpace = false;

  pushWord(word: string): void {
    this.current.push(word);
  }
  concatWord(word: string): void {
    const last = this.current.pop();
    this.current.push(last === undefined ? word : last + word);
  }
  newLine(count = 1): void {
    this.lines.push(this.current, ...Array.from({ length: count - 1 }, () => []));
    this.current = [];
  }
  isEmpty(): boolean {
    return this.lines.length === 0 && this.current.length === 0;
  }
  clear(): void {
    this.lines = [];
    this.current = [];
  }
  toString(): string {
    return [...this.lines, this.current].map((words) => words.join(' ')).join('\n');
  }
}

/** A block being written: what its finished children gave, then its own words. */
class Block {
  readonly lines = new Lines();
  rawText = '';
  stashedLineBreaks = 0;
  leadingLineBreaks: number;
  /** A list item's prefix (` * `, ` 1. `), or none. */
  readonly prefix: string | null;
  constructor(leadingLineBreaks: number, prefix: string | null = null) {
    this.leadingLineBreaks = leadingLineBreaks;
    this.prefix = prefix;
  }

  text(): string {
    return this.lines.isEmpty() ? this.rawText : this.rawText + this.lines.toString();
  }

  /** A finished child's text, after the larger of the line breaks between them. */
  add(text: string, leadingLineBreaks: number, trailingLineBreaks: number): void {
    const before = this.text();
    const lineBreaks = Math.max(this.stashedLineBreaks, leadingLineBreaks);
    this.lines.clear();
    if (before) {
      this.rawText = before + '\n'.repeat(lineBreaks) + text;
    } else {
      this.rawText = text;
      this.leadingLineBreaks = lineBreaks;
    }
    this.stashedLineBreaks = trailingLineBreaks;
  }
}

class TextBuilder {
  private stack: Block[] = [new Block(1)];
  /** Words pass through these (the anchor collects its text with one). */
  private readonly wordTransforms: ((word: string) => string)[] = [];

  private get top(): Block {
    return this.stack.at(-1) as Block;
  }

  addInline(text: string, { noWordTransform = false } = {}): void {
    const block = this.top;
    if (text.length === 0 || (block.stashedLineBreaks && onlyWhitespace.test(text))) return;
    if (block.stashedLineBreaks) block.lines.newLine(block.stashedLineBreaks);
    const transform = noWordTransform ? (word: string) => word : (word: string) => this.transformed(word);
    const lines = block.lines;
    const previouslyStashedSpace = lines.stashedSpace;
    let any = false;
    for (const [index, [word]] of [...text.matchAll(wordPattern)].entries()) {
      any = true;
      if (index > 0 || previouslyStashedSpace || leadingWhitespace.test(text))
        lines.pushWord(transform(word));
      else lines.concatWord(transform(word));
    }
    lines.stashedSpace = (previouslyStashedSpace && !any) || trailingWhitespace.test(text);
    block.stashedLineBreaks = 0;
  }

  addLineBreak(): void {
    this.top.lines.newLine();
  }

  pushWordTransform(transform: (word: string) => string): void {
    this.wordTransforms.push(transform);
  }
  popWordTransform(): void {
    this.wordTransforms.pop();
  }
  private transformed(word: string): string {
    return this.wordTransforms.reduceRight((result, transform) => transform(result), word);
  }

  openBlock(leadingLineBreaks: number, prefix: string | null = null): void {
    this.stack.push(new Block(leadingLineBreaks, prefix));
  }

  closeBlock(trailingLineBreaks: number, transform: (text: string) => string = (text) => text): void {
    const block = this.stack.pop() as Block;
    this.top.add(
      transform(block.text()),
      block.leadingLineBreaks,
      Math.max(block.stashedLineBreaks, trailingLineBreaks),
    );
  }

  /** A list item: its prefix, then its lines indented under the first. */
  closeListItem(prefixLength: number): void {
    const item = this.stack.pop() as Block;
    const prefix = (item.prefix ?? '').padEnd(prefixLength);
    const text = prefix + item.text().replace(/\n/g, `\n${' '.repeat(prefixLength)}`);
    this.top.add(text, item.leadingLineBreaks, Math.max(item.stashedLineBreaks, 1));
  }

  closeList(trailingLineBreaks: number): void {
    const list = this.stack.pop() as Block;
    const text = list.text();
    if (text) this.top.add(text, list.leadingLineBreaks, trailingLineBreaks);
  }

  toString(): string {
    return (this.stack[0] as Block).text();
  }
}

/** The text of a mail's HTML, its body only. */
export function textOfHtml(html: string): string {
  const body = findBody(parseHtml(html));
  if (!body) throw new Error('A mail without <body>');
  const builder = new TextBuilder();
  walk([body], builder);
  return builder.toString();
}

function findBody(nodes: readonly HtmlNode[]): HtmlNode | undefined {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    if (node.name === 'body') return node;
    const found = findBody(node.children);
    if (found) return found;
  }
  return undefined;
}

/** Elements read as blocks with these line breaks before and after (html-to-text's defaults). */
const blocks: Record<string, readonly [number, number]> = {
  div: [1, 1],
  p: [2, 2],
  table: [2, 2],
  h1: [3, 2],
  h2: [3, 2],
  h3: [3, 2],
};
/** Read as their content: the layout's table cells, and inline markup. */
const inline = new Set(['body', 'tbody', 'tr', 'td', 'th', 'strong', 'b', 'em', 'i', 'span']);

function walk(nodes: readonly HtmlNode[], builder: TextBuilder): void {
  for (const node of nodes) {
    if (node.type === 'text') builder.addInline(node.text);
    else if (node.type === 'tag') element(node, builder);
  }
}

function element(node: HtmlNode & { type: 'tag' }, builder: TextBuilder): void {
  const { name, attributes, children } = node;
  if (name === 'div' && attributes.style?.startsWith('display:none')) return;
  const around = blocks[name];
  if (name === 'table' && attributes.class?.split(' ').includes(factsTableClass)) {
    facts(node, builder);
  } else if (around) {
    builder.openBlock(around[0]);
    walk(children, builder);
    builder.closeBlock(around[1]);
  } else if (inline.has(name)) {
    walk(children, builder);
  } else if (name === 'br') {
    builder.addLineBreak();
  } else if (name === 'img') {
    // The logo reads as the site's name, not as « name [https://…/logo.png] ».
    builder.addInline(attributes.alt ?? '');
  } else if (name === 'a') {
    anchor(node, builder);
  } else if (name === 'blockquote') {
    builder.openBlock(2);
    walk(children, builder);
    builder.closeBlock(2, (text) =>
      trimNewlines(text)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
    );
  } else if (name === 'ul' || name === 'ol') {
    list(node, builder);
  } else {
    throw new Error(`<${name}> is not read into a mail's text`);
  }
}

/** `label [href]`, or the bare href when the link has no text. */
function anchor(node: HtmlNode & { type: 'tag' }, builder: TextBuilder): void {
  const href = node.attributes.href?.replace(/^mailto:/, '') ?? '';
  if (!href || href.startsWith('#')) {
    walk(node.children, builder);
    return;
  }
  let text = '';
  builder.pushWordTransform((word) => {
    text += word;
    return word;
  });
  walk(node.children, builder);
  builder.popWordTransform();
  builder.addInline(text ? ` [${href}]` : href, { noWordTransform: true });
}

function list(node: HtmlNode & { type: 'tag' }, builder: TextBuilder): void {
  let next = Number(node.attributes.start ?? '1');
  const items = node.children.filter((child) => child.type !== 'text' || !/^\s*$/.test(child.text));
  const prefixed = items.map((child) => ({
    child,
    prefix: child.type === 'tag' && child.name === 'li' ? (node.name === 'ol' ? ` ${next++}. ` : ' * ') : '',
  }));
  if (prefixed.length === 0) return;
  const prefixLength = Math.max(...prefixed.map(({ prefix }) => prefix.length));
  builder.openBlock(2);
  for (const { child, prefix } of prefixed) {
    builder.openBlock(1, prefix);
    walk(child.type === 'tag' && child.name === 'li' ? child.children : [child], builder);
    builder.closeListItem(prefixLength);
  }
  builder.closeList(2);
}

/** Facts become « label : value » lines. */
function facts(table: HtmlNode & { type: 'tag' }, builder: TextBuilder): void {
  builder.openBlock(2);
  for (const row of table.children) {
    if (row.type !== 'tag' || row.name !== 'tr') continue;
    builder.openBlock(1);
    row.children.forEach((cell, index) => {
      if (index > 0) builder.addInline('\u00a0: ');
      walk(cell.type === 'tag' ? cell.children : [], builder);
    });
    builder.closeBlock(1);
  }
  builder.closeBlock(2);
}

const trimNewlines = (text: string): string => text.replace(/^\n+|\n+$/g, '');
