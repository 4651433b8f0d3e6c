import { isWhiteSpaceCode } from '../model/white-space.js';

/**
 * Character classes and folding shared by the matcher and the loader's
 * duplicate check. Every fold maps one code point to one code point, so
 * offsets found on folded text are offsets in the original.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc\uff70]/u;
const WORDISH = /[\p{L}\p{N}\p{M}]/u;

/** A character of a space-separated word: letters and digits outside the CJK scripts. */
export function isWordChar(ch: string): boolean {
  return WORDISH.test(ch) && !CJK.test(ch);
}

/** What `/\s/u` matches: it is asked of every character folded, most of them Chinese. */
export function isSpace(ch: string): boolean {
  return isWhiteSpaceCode(ch.charCodeAt(0));
}

const SAME: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’ (DeepL and the press release write people’s)
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
};

/** Full-width ASCII to ASCII, curly quotes to straight, Unicode hyphens to `-`, any space to ` `. */
export function normalizeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  // ASCII, most of what a glossary reads, without the Unicode class tests.
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) ? ' ' : ch;
  if (isSpace(ch)) return ' ';
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCodePoint(cp - 0xfee0);
  return SAME[ch] ?? ch;
}

/** Lower case when that keeps one code point (`İ` would become two and stays as it is). */
export function lower(ch: string): string {
  const l = ch.toLowerCase();
  return l.length === 1 || [...l].length === 1 ? l : ch;
}

export function upper(ch: string): string {
  const u = ch.toUpperCase();
  return u.length === 1 || [...u].length === 1 ? u : ch;
}

/** The code point starting at `i` (a whole surrogate pair when there is one). */
export function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** The code point ending just before `i`. */
export function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1]!;
}

/** A form as the matcher sees it: characters normalized, spaces collapsed; lower-cased unless `keepCase`. */
export function foldForm(form: string, keepCase = false): string {
  let out = '';
  for (const ch of form.trim()) {
    const n = normalizeChar(ch);
    if (n === ' ' && out.endsWith(' ')) continue;
    out += keepCase ? n : lower(n);
  }
  return out;
}
