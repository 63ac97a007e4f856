/**
 * Texts from the Content Lake go into the Typst source only as string literals, never as markup:
 * a literal is shown exactly as typed (`#`, `*`, `_`, `$`, `[`, `@`, `<`, backslashes…), and
 * nothing inside it is ever evaluated. Only these few escapes exist inside a literal.
 */
export function typstString(text: string): string {
  let literal = '"';
  // A lone surrogate (half of a character, from a broken copy) has no UTF-8 form: U+FFFD instead.
  for (const character of text.toWellFormed()) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '\\') literal += '\\\\';
    else if (character === '"') literal += '\\"';
    else if (character === '\n') literal += '\\n';
    else if (character === '\r') literal += '\\r';
    else if (character === '\t') literal += '\\t';
    // Other control characters as Unicode escapes: the source stays one line.
    else if (code < 0x20 || code === 0x7f) literal += `\\u{${code.toString(16)}}`;
    else literal += character;
  }
  return `${literal}"`;
}

/**
 * A text as a Typst expression where French ordinals are set as they are printed: « 1er » with
 * its « er » raised (`"du 1" + super("er") + " au 30 novembre"`); plain literals otherwise.
 */
export function typstFrenchText(text: string): string {
  const parts = text.split(/(?<=\b1)er\b/u);
  return parts.length === 1 ? typstString(text) : `(${parts.map(typstString).join(' + super("er") + ')})`;
}

/** A Typst array of string literals: `("a", "b")` (a trailing comma keeps one item an array). */
export const typstStrings = (texts: readonly string[]): string =>
  `(${texts.map(typstString).join(', ')}${texts.length === 1 ? ',' : ''})`;

const narrowNoBreakSpace = '\u202f';

/**
 * French typography for prose: a narrow no-break space before `;`, `!`, `?` and before `:` that
 * ends a phrase (followed by a space or the end: not in `10:30`, `https://` or `?a=1`), and inside
 * « guillemets ». Whatever space was typed there (none, an ordinary one, a no-break one) becomes
 * that one.
 */
export function frenchPunctuation(text: string): string {
  return text
    .replace(/(?<=[^\s(«])[ \u00a0\u202f]?([;!?]+)(?=[\s)»"’]|$)/gu, `${narrowNoBreakSpace}$1`)
    .replace(/(?<=[^\s(«])[ \u00a0\u202f]?:(?=[\s)»"’]|$)/gu, `${narrowNoBreakSpace}:`)
    .replace(/«[ \u00a0\u202f]?/gu, `«${narrowNoBreakSpace}`)
    .replace(/[ \u00a0\u202f]?»/gu, `${narrowNoBreakSpace}»`);
}
