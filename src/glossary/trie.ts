import { charAt, charBefore, foldForm, isSpace, isWordChar, lower, normalizeChar, upper } from './fold.js';

interface Entry<T> {
  value: T;
  /** The form normalized but not lower-cased, compared when case matters. */
  exact: string;
  caseSensitive: boolean;
  /** The form starts (ends) with a word character: the text must have a word boundary there. */
  boundedStart: boolean;
  boundedEnd: boolean;
  /** The form is a figure (`12345`): it is no match where the text counts money or things with it. */
  figure: boolean;
}

/**
 * A figure followed by a currency, a counter or a scale (`12345元`, `12345个`,
 * `12345万`), or led by a currency sign (`¥12345`), is an amount, not the name
 * a glossary lists (the 12345 hotline).
 */
const AMOUNT_AFTER = /^[元块塊圆圓円万萬亿億千百个個人户戶名次件岁歲%％‰]/u;
const AMOUNT_BEFORE = /^[¥￥$€£]$/u;
const FIGURE = /^\p{Nd}+$/u;

interface Node<T> {
  /** Children by the folded code point that leads to them (see `foldCode`); a space is 0x20. */
  next: Map<number, Node<T>>;
  entries: Entry<T>[];
}

export interface TrieHit<T> {
  value: T;
  start: number;
  end: number;
}

const newNode = <T>(): Node<T> => ({ next: new Map(), entries: [] });

const SPACE = 0x20;
const foldedCodes = new Map<number, number>();

/**
 * A text character as the trie keys it: normalized, lower-cased, any white
 * space a space (0x20). Code points, not strings, so that walking a text
 * makes no string per character; each fold is worked out once.
 */
function foldCode(cp: number): number {
  if (cp < 0x80) {
    if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
    return cp === SPACE || (cp >= 0x09 && cp <= 0x0d) ? SPACE : cp;
  }
  let folded = foldedCodes.get(cp);
  if (folded === undefined) {
    const ch = String.fromCodePoint(cp);
    folded = isSpace(ch) ? SPACE : lower(normalizeChar(ch)).codePointAt(0)!;
    foldedCodes.set(cp, folded);
  }
  return folded;
}

/** UTF-16 units of the code point `cp`. */
function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/**
 * A trie of folded forms walked from each position of the text: every form
 * of every term is looked for in one pass, whatever the number of terms.
 * Spaces in the text match any run of whitespace; Latin-script edges need a
 * word boundary, CJK ones do not.
 */
export class FormTrie<T> {
  private readonly root: Node<T> = newNode();

  add(form: string, value: T, caseSensitive: boolean): void {
    const folded = foldForm(form);
    if (folded === '') return;
    let node = this.root;
    for (const ch of folded) {
      const key = ch.codePointAt(0)!;
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = newNode()));
      node = child;
    }
    const exact = foldForm(form, true);
    const chars = [...exact];
    node.entries.push({ value, exact, caseSensitive, boundedStart: isWordChar(chars[0]!), boundedEnd: isWordChar(chars[chars.length - 1]!), figure: FIGURE.test(exact) });
  }

  /** Every form that matches at `start`, shortest first, added to `out`. */
  private at(text: string, start: number, out: TrieHit<T>[]): void {
    const n = text.length;
    let node = this.root;
    let j = start;
    while (j < n) {
      const cp = text.codePointAt(j)!;
      const key = foldCode(cp);
      // A match never starts with white space.
      if (key === SPACE && j === start) return;
      let next = j + width(cp);
      if (key === SPACE) {
        for (let c = text.codePointAt(next); next < n && foldCode(c!) === SPACE; c = text.codePointAt(next)) next += width(c!);
      }
      const child = node.next.get(key);
      if (!child) return;
      node = child;
      j = next;
      for (const e of node.entries) if (this.accepts(e, text, start, j)) out.push({ value: e.value, start, end: j });
    }
  }

  private accepts(e: Entry<T>, text: string, start: number, end: number): boolean {
    if (e.boundedStart && isWordChar(charBefore(text, start))) return false;
    if (e.boundedEnd && isWordChar(charAt(text, end))) return false;
    if (e.figure && (AMOUNT_AFTER.test(charAt(text, end)) || AMOUNT_BEFORE.test(charBefore(text, start)))) return false;
    if (!e.caseSensitive) return true;
    // The text as the form was folded for comparison: normalized, spaces collapsed, case kept.
    const exact = foldForm(text.slice(start, end), true);
    if (exact === e.exact) return true;
    // A case-sensitive form still matches with its first letter upper-cased, as at the start of a sentence.
    const first = charAt(e.exact, 0);
    return exact.startsWith(upper(first)) && exact.slice(upper(first).length) === e.exact.slice(first.length);
  }

  /** Leftmost-longest matches that do not overlap. */
  longest(text: string): TrieHit<T>[] {
    const out: TrieHit<T>[] = [];
    const here: TrieHit<T>[] = [];
    let i = 0;
    while (i < text.length) {
      here.length = 0;
      this.at(text, i, here);
      const best = here[here.length - 1];
      if (best) {
        out.push(best);
        i = best.end;
      } else i += width(text.codePointAt(i)!);
    }
    return out;
  }

  /** Every match, overlapping ones included, by start then longest first. */
  all(text: string): TrieHit<T>[] {
    const out: TrieHit<T>[] = [];
    const here: TrieHit<T>[] = [];
    for (let i = 0; i < text.length; i += width(text.codePointAt(i)!)) {
      here.length = 0;
      this.at(text, i, here);
      for (let k = here.length - 1; k >= 0; k--) out.push(here[k]!);
    }
    return out;
  }
}
