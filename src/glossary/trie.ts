import { charAt, charBefore, foldForm, isSpace, isWordChar, lower, normalizeChar, upper } from './fold.js';

interface Entry<T> {
  value: T;
  /** The form normalized but not lower-cased, compared when case matters. */
  exact: string;
  caseSensitive: boolean;
  /** The form starts (ends) with a word character: the text must have a word boundary there. */
  boundedStart: boolean;
  boundedEnd: boolean;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  entries: Entry<T>[];
}

export interface TrieHit<T> {
  value: T;
  start: number;
  end: number;
}

const newNode = <T>(): Node<T> => ({ next: new Map(), entries: [] });

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
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = newNode()));
      node = child;
    }
    const exact = foldForm(form, true);
    const chars = [...exact];
    node.entries.push({ value, exact, caseSensitive, boundedStart: isWordChar(chars[0]!), boundedEnd: isWordChar(chars[chars.length - 1]!) });
  }

  /** Every form that matches at `start`, shortest first. */
  private *at(text: string, start: number): Generator<TrieHit<T>> {
    if (isSpace(charAt(text, start))) return;
    let node = this.root;
    let j = start;
    let exact = '';
    while (j < text.length) {
      let ch = charAt(text, j);
      let next = j + ch.length;
      if (isSpace(ch)) {
        while (next < text.length && isSpace(charAt(text, next))) next += charAt(text, next).length;
        ch = ' ';
      } else ch = normalizeChar(ch);
      const child = node.next.get(lower(ch));
      if (!child) return;
      node = child;
      exact += ch;
      j = next;
      for (const e of node.entries) if (this.accepts(e, text, start, j, exact)) yield { value: e.value, start, end: j };
    }
  }

  private accepts(e: Entry<T>, text: string, start: number, end: number, exact: string): boolean {
    if (e.boundedStart && isWordChar(charBefore(text, start))) return false;
    if (e.boundedEnd && isWordChar(charAt(text, end))) return false;
    if (!e.caseSensitive || exact === e.exact) return true;
    // A case-sensitive form still matches with its first letter upper-cased, as at the start of a sentence.
    const first = charAt(e.exact, 0);
    return exact.startsWith(upper(first)) && exact.slice(upper(first).length) === e.exact.slice(first.length);
  }

  /** Leftmost-longest matches that do not overlap. */
  longest(text: string): TrieHit<T>[] {
    const out: TrieHit<T>[] = [];
    let i = 0;
    while (i < text.length) {
      let best: TrieHit<T> | undefined;
      for (const hit of this.at(text, i)) best = hit;
      if (best) {
        out.push(best);
        i = best.end;
      } else i += charAt(text, i).length || 1;
    }
    return out;
  }

  /** Every match, overlapping ones included, by start then longest first. */
  all(text: string): TrieHit<T>[] {
    const out: TrieHit<T>[] = [];
    for (let i = 0; i < text.length; i += charAt(text, i).length || 1) {
      const here = [...this.at(text, i)];
      out.push(...here.reverse());
    }
    return out;
  }
}
