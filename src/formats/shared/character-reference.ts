import { createRequire } from 'node:module';

/** HTML maps these numeric references (C1 controls) to the Windows-1252 characters authors meant. */
const C1_REPLACEMENTS: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** Longest name without `;` that HTML accepts (`middot`, `frac12`…). */
const LONGEST_LEGACY_NAME = 6;
/** Longest name in the table (`CounterClockwiseContourIntegral;`). */
const LONGEST_NAME = 32;
/** More digits than a code point needs: enough to tell a reference from a run of digits. */
const LONGEST_NUMBER = 8;

// The WHATWG list of named character references (as Python ships it in html.entities.html5); names
// without `;` are the legacy ones HTML also accepts without it. Read when a file first has a named
// reference, synchronously as the readers are: most subtitle files have none.
const load = createRequire(import.meta.url);
let named: Map<string, string> | undefined;

function namedReferences(): Map<string, string> {
  named ??= new Map(Object.entries(load('./html-entities.json') as Record<string, string>));
  return named;
}

/** The character HTML's `&name;` stands for, if HTML names it. */
export function namedCharacter(name: string): string | undefined {
  return namedReferences().get(`${name};`);
}

function isAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)));
}

function isCharacter(value: number): boolean {
  return value !== 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff);
}

/** A noncharacter (U+FFFE, U+FFFF and their like in every plane, U+FDD0–U+FDEF): Unicode keeps them out of interchange, and no writer may carry one. */
export function isNoncharacter(value: number): boolean {
  return (value & 0xfffe) === 0xfffe || (value >= 0xfdd0 && value <= 0xfdef);
}

/**
 * The character a numeric reference puts in subtitle text. A control
 * character has no place there: one that ends a line or spaces words
 * (`&#13;`, `&#10;`, `&#9;`) shows as a space, any other as nothing. Written
 * raw, a carriage return split a cue into lines or ended it in every format.
 */
function fromCodePoint(value: number): string {
  if (value < 0x20) return value >= 0x09 && value <= 0x0d ? ' ' : '';
  if (value >= 0x7f && value <= 0x9f) return windows1252For(value);
  if (isNoncharacter(value)) return '';
  return String.fromCodePoint(value);
}

/**
 * The Windows-1252 character a C1 control stands for in subtitle text
 * (`U+0092` for `’`: a file converted from Windows-1252 as if it were
 * Latin-1), as HTML reads its numeric references; nothing for DEL and the
 * five codes Windows-1252 leaves unnamed.
 */
export function windows1252For(c1: number): string {
  const replacement = C1_REPLACEMENTS[c1];
  return replacement === undefined ? '' : String.fromCharCode(replacement);
}

/** Digits after `&#` at `from`: the value and where they end. */
function number(text: string, from: number, limit: number): { value: number; end: number } | undefined {
  let i = from;
  const hex = text.charCodeAt(i) === 0x78 || text.charCodeAt(i) === 0x58;
  if (hex) i++;
  const digits = i;
  while (i < text.length && i - digits < limit && isDigit(text.charCodeAt(i), hex)) i++;
  if (i === digits) return undefined;
  return { value: Number.parseInt(text.slice(digits, i), hex ? 16 : 10), end: i };
}

function numeric(text: string, cursor: { pos: number }): string | undefined {
  const n = number(text, cursor.pos + 1, Infinity);
  if (n === undefined) return undefined;
  cursor.pos = text.charCodeAt(n.end) === 0x3b ? n.end + 1 : n.end;
  return isCharacter(n.value) ? fromCodePoint(n.value) : '\ufffd';
}

function byName(text: string, cursor: { pos: number }): string | undefined {
  const table = namedReferences();
  const at = cursor.pos;
  let i = at;
  while (i < text.length && i - at < LONGEST_NAME && isAlphanumeric(text.charCodeAt(i))) i++;
  if (i === at) return undefined;
  if (text.charCodeAt(i) === 0x3b) {
    const chars = table.get(text.slice(at, i + 1));
    if (chars !== undefined) {
      cursor.pos = i + 1;
      return chars;
    }
  }
  // Longest match first: `&notit;` is `¬` followed by `it;`.
  for (let end = Math.min(i, at + LONGEST_LEGACY_NAME); end > at; end--) {
    const chars = table.get(text.slice(at, end));
    if (chars !== undefined) {
      cursor.pos = end;
      return chars;
    }
  }
  return undefined;
}

/**
 * The HTML "consume a character reference" step, as WebVTT cue text uses
 * it: the cursor just after the `&` and moved past the reference when there
 * is one. Undefined means the `&` is literal text.
 */
export function consumeCharacterReference(text: string, cursor: { pos: number }): string | undefined {
  if (cursor.pos >= text.length) return undefined;
  return text.charCodeAt(cursor.pos) === 0x23 ? numeric(text, cursor) : byName(text, cursor);
}

export interface CharacterReference {
  chars: string;
  /** Index after the `;`. */
  end: number;
}

/**
 * A reference written out in full at `at` (`&amp;`, `&#39;`, `&#x2014;`), the
 * way formats without an HTML parser read them: the `;` is required, and a
 * number that is no character leaves the `&` as text. `names`, when given,
 * limits the named references to those names.
 */
export function matchCharacterReference(text: string, at: number, names?: ReadonlySet<string>): CharacterReference | undefined {
  if (text.charCodeAt(at) !== 0x26) return undefined;
  if (text.charCodeAt(at + 1) === 0x23) {
    const n = number(text, at + 2, LONGEST_NUMBER);
    if (n === undefined || text.charCodeAt(n.end) !== 0x3b || !isCharacter(n.value)) return undefined;
    return { chars: fromCodePoint(n.value), end: n.end + 1 };
  }
  let i = at + 1;
  while (i < text.length && i - at <= LONGEST_NAME && isAlphanumeric(text.charCodeAt(i))) i++;
  if (i === at + 1 || text.charCodeAt(i) !== 0x3b) return undefined;
  const name = text.slice(at + 1, i);
  if (names !== undefined && !names.has(name)) return undefined;
  const chars = namedReferences().get(`${name};`);
  return chars === undefined ? undefined : { chars, end: i + 1 };
}
