/**
 * The pieces of SRT cue text that are not text: HTML-like tags, `{…}`
 * brace tags and ASS overrides, and character references. The reader
 * matches them here; the writer asks the same functions what it must
 * escape, so what it writes always reads back as text.
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;
const AMP = 0x26;
const HASH = 0x23;
const SEMI = 0x3b;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  const l = c | 0x20;
  return isDigit(c) || (l >= 0x61 && l <= 0x66);
}

function isAlnum(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

export interface Tag {
  /** Lower-case tag name. */
  name: string;
  closing: boolean;
  /** Raw attribute text between the name and `>`. */
  attributes: string;
  /** Index after the tag. */
  end: number;
}

/** Whether `<` at `i` could open a tag: followed by a letter, or `/` and a letter. */
export function mayStartTag(text: string, i: number): boolean {
  const c = text.charCodeAt(i + 1);
  return isLetter(c) || (c === SLASH && isLetter(text.charCodeAt(i + 2)));
}

/** `<name attr…>` or `</name>` at `i`, ending on the same line before any other `<`. */
export function matchTag(text: string, i: number): Tag | undefined {
  if (text.charCodeAt(i) !== LT || !mayStartTag(text, i)) return undefined;
  let j = i + 1;
  const closing = text.charCodeAt(j) === SLASH;
  if (closing) j++;
  const nameFrom = j;
  while (j < text.length && isAlnum(text.charCodeAt(j))) j++;
  const name = text.slice(nameFrom, j).toLowerCase();
  const attrFrom = j;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === GT) return { name, closing, attributes: text.slice(attrFrom, j).trim(), end: j + 1 };
    if (c === LT) return undefined;
    if (j === attrFrom && c !== 0x20 && c !== 0x09 && c !== SLASH) return undefined;
    j++;
  }
  return undefined;
}

export type Brace = { kind: 'tag'; tag: Tag } | { kind: 'override'; content: string; end: number };

const BRACE_TAGS = new Set(['i', 'b', 'u', '/i', '/b', '/u']);

/** `{i}`-style tags, and `{\…}` ASS override blocks, at `i`. */
export function matchBrace(text: string, i: number): Brace | undefined {
  if (text.charCodeAt(i) !== LBRACE) return undefined;
  if (text.charCodeAt(i + 1) === BACKSLASH) {
    const close = text.indexOf('}', i + 2);
    return close < 0 ? undefined : { kind: 'override', content: text.slice(i + 1, close), end: close + 1 };
  }
  const close = i + 2 < text.length && text.charCodeAt(i + 2) === RBRACE ? i + 2 : i + 3 < text.length && text.charCodeAt(i + 3) === RBRACE ? i + 3 : -1;
  if (close < 0) return undefined;
  const inner = text.slice(i + 1, close).toLowerCase();
  if (!BRACE_TAGS.has(inner)) return undefined;
  const closing = inner.startsWith('/');
  return { kind: 'tag', tag: { name: closing ? inner.slice(1) : inner, closing, attributes: '', end: close + 1 } };
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export interface Entity {
  char: string;
  end: number;
}

/** `&amp; &lt; &gt; &quot; &apos; &nbsp;`, `&#39;`, `&#x2014;` at `i`; anything else is text. */
export function matchEntity(text: string, i: number): Entity | undefined {
  if (text.charCodeAt(i) !== AMP) return undefined;
  let j = i + 1;
  if (text.charCodeAt(j) === HASH) {
    j++;
    const hex = (text.charCodeAt(j) | 0x20) === 0x78;
    if (hex) j++;
    const from = j;
    while (j < text.length && j - from < 8 && (hex ? isHexDigit(text.charCodeAt(j)) : isDigit(text.charCodeAt(j)))) j++;
    if (j === from || text.charCodeAt(j) !== SEMI) return undefined;
    const cp = Number.parseInt(text.slice(from, j), hex ? 16 : 10);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    return { char: String.fromCodePoint(cp), end: j + 1 };
  }
  const from = j;
  while (j < text.length && j - from < 6 && isAlnum(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) !== SEMI) return undefined;
  const name = text.slice(from, j);
  return Object.hasOwn(NAMED, name) ? { char: NAMED[name]!, end: j + 1 } : undefined;
}

/** Whether text may hold markup at all: lets the writer skip the escaping scan. */
export const SPECIAL = /[<{&\u2028\u2029]/;
