/**
 * The pieces of SRT cue text that are not text: HTML-like tags, `{…}`
 * brace tags and ASS overrides, and character references. The reader
 * matches them here; the writer asks the same functions what it must
 * escape, so what it writes always reads back as text.
 */

import { matchCharacterReference, type CharacterReference } from '../shared/character-reference.js';
import { BACKSLASH, GT, isAsciiLetter, isDigit, LBRACE, LT, RBRACE, SLASH } from '../shared/char-codes.js';

function isAlnum(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c);
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
  return isAsciiLetter(c) || (c === SLASH && isAsciiLetter(text.charCodeAt(i + 2)));
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

/** The named references SRT files in the wild use; any other name (`&copy;`) stays text. */
const NAMED = new Set(['amp', 'lt', 'gt', 'quot', 'apos', 'nbsp']);

/** `&amp; &lt; &gt; &quot; &apos; &nbsp;`, `&#39;`, `&#x2014;` at `i`; anything else is text. */
export function matchEntity(text: string, i: number): CharacterReference | undefined {
  return matchCharacterReference(text, i, NAMED);
}

/** Whether text may hold markup at all: lets the writer skip the escaping scan. */
export const SPECIAL = /[<{&\u2028\u2029]/;
