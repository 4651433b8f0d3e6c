import { doubled } from '../doubled.js';
import { excerpt } from '../excerpt.js';

/** What one pass over a document's tags finds. */
export interface TagScan {
  /** Offset of each start tag's `<`, in document order: the parser's elements in pre-order. */
  starts: Int32Array;
  /** Pre-order index just past element k's last descendant. */
  ends: Int32Array;
  /**
   * 1 when element k and every element inside it are unqualified: no prefix
   * in their names or their attributes' names but `xml:`, and no `xmlns`.
   * Such a subtree reads the same in every namespace scope that maps no
   * prefix to the elements' names; a reader can skip it when renaming.
   */
  unqualified: Uint8Array;
  count: number;
  /** The innermost element left open at the end, when the document has no other trouble before its end. */
  unclosed?: { name: string; offset: number };
  /** What comes first otherwise, and where: an element closed by another's end tag, a tag without a name, a late DOCTYPE. */
  broken?: { reason: string; offset: number };
}

/** The deepest nesting any subloc XML input may have (fast-xml-parser's `maxNestedTags`); TTML needs a handful. */
export const MAX_DEPTH = 1000;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Index of the `>` (or `?>`) ending the tag at `i`, skipping quoted values as fast-xml-parser does; -1 if none. */
function tagEnd(text: string, i: number, close: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22 || c === 0x27) {
      j = text.indexOf(c === 0x22 ? '"' : "'", j + 1);
      if (j < 0) return -1;
    } else if (c === close && (close !== 0x3f || text.charCodeAt(j + 1) === 0x3e)) {
      return j;
    }
  }
  return -1;
}

/** The end tag between `from` and `close` names the element whose name is at `nameAt`. */
function endTagNames(text: string, from: number, close: number, nameAt: number, length: number): boolean {
  if (close - from < length) return false;
  for (let k = 0; k < length; k++) if (text.charCodeAt(from + k) !== text.charCodeAt(nameAt + k)) return false;
  for (let k = from + length; k < close; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Index of the `>` ending the start tag at `i`, as `tagEnd` finds it, with
 * `qualified` set when the tag has a `:` outside its values other than an
 * `xml:` attribute's, or `xmlns`.
 */
function startTagEnd(text: string, i: number, found: { qualified: boolean }): number {
  let qualified = false;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22 || c === 0x27) {
      j = text.indexOf(c === 0x22 ? '"' : "'", j + 1);
      if (j < 0) return -1;
    } else if (c === 0x3e) {
      found.qualified = qualified;
      return j;
    } else if (c === 0x3a) {
      qualified ||= !(j >= i + 4 && isSpace(text.charCodeAt(j - 4)) && text.startsWith('xml', j - 3));
    } else if (c === 0x78) {
      qualified ||= text.startsWith('xmlns', j);
    }
  }
  return -1;
}

class Scanner {
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  unqualified = new Uint8Array(1024);
  count = 0;
  private readonly tag = { qualified: false };
  /** Open elements, three numbers each: pre-order index, name offset, name length. */
  readonly open: number[] = [];
  /** Pre-order index of the first element in trouble other than being left open, and why. */
  firstBroken = Infinity;
  broken = { reason: '', offset: 0 };

  constructor(private readonly text: string) {}

  breaks(index: number, reason: string, offset: number): void {
    if (index < this.firstBroken) {
      this.firstBroken = index;
      this.broken = { reason, offset };
    }
  }

  /** Scans from `i`; false when the document ends inside a tag. */
  run(i: number): boolean {
    const text = this.text;
    const open = this.open;
    for (i = text.indexOf('<', i); i >= 0; ) {
      const c1 = text.charCodeAt(i + 1);
      let close: number;
      let next: number;
      if (c1 === 0x2f) {
        close = text.indexOf('>', i + 2);
        next = close + 1;
        if (close >= 0 && open.length > 0) {
          const length = open.pop()!;
          const nameAt = open.pop()!;
          const index = open.pop()!;
          if (index < this.firstBroken && !endTagNames(text, i + 2, close, nameAt, length)) {
            this.breaks(index, `\`<${text.slice(nameAt, nameAt + length)}>\` is not closed by its own end tag`, i);
          }
          this.ends[index] = this.count;
          if (this.unqualified[index] === 0) this.qualifyParent();
        }
      } else if (c1 === 0x3f) {
        close = tagEnd(text, i + 1, 0x3f);
        next = close + 2;
      } else if (c1 === 0x21 && text.startsWith('--', i + 2)) {
        close = text.indexOf('-->', i + 4);
        next = close + 3;
      } else if (c1 === 0x21 && text.charCodeAt(i + 2) === 0x5b) {
        close = text.indexOf(']]>', i);
        next = close + 3;
      } else if (c1 === 0x21 && text.charCodeAt(i + 2) === 0x44) {
        // The prolog lies before where the scan began: a DOCTYPE here comes after the root element
        // began, which XML does not allow, and it would declare entities the prolog check never saw.
        this.breaks(-1, 'found a `<!DOCTYPE>` after the root element began', i);
        return true;
      } else {
        close = startTagEnd(text, i + 1, this.tag);
        next = close + 1;
        if (close >= 0) this.startTag(i, close, this.tag.qualified);
      }
      if (close < 0) return false;
      i = text.indexOf('<', next);
    }
    return true;
  }

  /** The innermost open element holds a qualified one. */
  private qualifyParent(): void {
    if (this.open.length > 0) this.unqualified[this.open[this.open.length - 3]!] = 0;
  }

  private startTag(i: number, close: number, qualified: boolean): void {
    const text = this.text;
    let nameEnd = i + 1;
    while (nameEnd < close && !isSpace(text.charCodeAt(nameEnd))) nameEnd++;
    const selfClosing = text.charCodeAt(close - 1) === 0x2f;
    if (selfClosing && nameEnd === close) nameEnd--;
    if (this.count === this.starts.length) this.grow();
    const index = this.count++;
    this.starts[index] = i;
    this.unqualified[index] = qualified ? 0 : 1;
    if (qualified) this.qualifyParent();
    if (nameEnd === i + 1) this.breaks(index, 'found a tag without a name', i);
    const depth = this.open.length / 3 + 1;
    if (depth > MAX_DEPTH && index < this.firstBroken) {
      this.breaks(index, `found \`<${excerpt(text.slice(i + 1, nameEnd))}>\` nested ${depth.toLocaleString('en-US')} elements deep; expected at most ${MAX_DEPTH.toLocaleString('en-US')}`, i);
    }
    if (selfClosing) this.ends[index] = index + 1;
    else this.open.push(index, i + 1, nameEnd - i - 1);
  }

  private grow(): void {
    this.starts = doubled(this.starts);
    this.ends = doubled(this.ends);
    this.unqualified = doubled(this.unqualified);
  }

  result(): TagScan {
    const scan: TagScan = { starts: this.starts, ends: this.ends, unqualified: this.unqualified, count: this.count };
    const open = this.open;
    // Trouble met on the way (an end tag that closes another element) is the cause when elements are
    // also left open; the document ending inside a tag (index `count`) is truncation like any other.
    if (open.length > 0 && this.firstBroken >= this.count) {
      const n = open.length;
      scan.unclosed = { name: this.text.slice(open[n - 2]!, open[n - 2]! + open[n - 1]!), offset: this.starts[open[n - 3]!]! };
    } else if (this.firstBroken !== Infinity) {
      scan.broken = this.broken;
    }
    return scan;
  }
}

/**
 * Walks the tags from `from` (the root element, past the prolog) the way
 * fast-xml-parser reads them, which closes an element at any end tag; here
 * each end tag is checked against the element it closes. The parser's tree
 * then needs no offsets of its own: element k in pre-order starts at
 * `starts[k]`.
 */
export function scanTags(text: string, from: number): TagScan {
  const scanner = new Scanner(text);
  if (!scanner.run(from)) scanner.breaks(scanner.count, 'the document ends inside a tag', text.length);
  return scanner.result();
}
