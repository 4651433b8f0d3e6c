import { consumeCharacterReference } from '../shared/character-reference.js';
import { readTimestamp, type Cursor } from './timestamp.js';
import { sameStyle, span } from '../../model/spans.js';
import type { Span } from '../../model/track.js';
import { AMP, DOT, FF, GT, isDigit, LF, LT, SLASH, SPACE, TAB } from '../shared/char-codes.js';

/** What the last cue text held that the model does not keep; the reader reports it. */
export interface CueTextNotes {
  /** `<rt>` ruby annotation text was dropped (the base text stays). */
  ruby: boolean;
  /** The first `<v>` speaker name seen. */
  voice: string | undefined;
  /** The first `<lang>` language tag seen: the text is kept, the model has no language per span. */
  lang: string | undefined;
  /** A karaoke timestamp tag such as `<00:00:01.000>`. */
  timestamp: boolean;
  unknownTag: string | undefined;
  /** A class that is neither a colour class nor defined with a colour in a STYLE block. */
  ignoredClass: string | undefined;
}

/** An open element and the style it gives its text. */
interface Frame {
  /** The tag name that closes this frame; empty for the root. */
  tag: string;
  italic: true | undefined;
  bold: true | undefined;
  underline: true | undefined;
  color: string | undefined;
  /** Inside `<rt>`: ruby annotation, not part of the subtitle text. */
  hidden: boolean;
}

const WHITESPACE_RUN = /[\t\n\f\r ]+/g;

/**
 * A copy of `items[start..end)`. Array literals for the usual sizes: V8 can
 * allocate those straight into the old generation once it sees they live on,
 * which spares the garbage collector copying every cue of a long file.
 */
function exact<T>(items: readonly T[], start: number, end: number): T[] {
  const n = end - start;
  if (n === 0) return [];
  if (n === 1) return [items[start]!];
  if (n === 2) return [items[start]!, items[start + 1]!];
  return items.slice(start, end);
}

/** True when a `<` on the line has no `>` after it: a tag runs on to the next line. */
function opensTagAcrossLines(line: string): boolean {
  const lt = line.lastIndexOf('<');
  return lt >= 0 && line.indexOf('>', lt) < 0;
}

/**
 * Tokenizer and tree builder of the WebVTT cue text parsing rules, flattened
 * to lines of styled spans as it goes: `<i> <b> <u>` set the style, colour
 * classes (`<c.yellow>`, or classes a STYLE block colours) set the colour,
 * `<ruby>` keeps its base text and drops `<rt>`, `<v>` and `<lang>` keep
 * their text; character references are decoded. One parser serves a whole
 * file, so a cue costs only its own spans.
 */
export class CueTextParser {
  readonly notes: CueTextNotes = { ruby: false, voice: undefined, lang: undefined, timestamp: false, unknownTag: undefined, ignoredClass: undefined };
  private text = '';
  private pos = 0;
  private readonly reference: Cursor = { pos: 0 };
  // Scratch arrays reused between cues, filled by index: a cue gets exact-size copies, since
  // arrays grown by push keep spare room and arrays cut back to empty must grow again.
  private readonly lines: Span[][] = [];
  private linesLength = 0;
  private readonly line: Span[] = [];
  private lineLength = 0;
  private readonly stack: Frame[] = [{ tag: '', italic: undefined, bold: undefined, underline: undefined, color: undefined, hidden: false }];
  private depth = 1;

  /** `classColors` is read at each cue, so classes a STYLE block adds later count. */
  constructor(private readonly classColors: ReadonlyMap<string, string>) {}

  /** The lines of one cue; what was dropped is in `notes` after. */
  parse(lines: readonly string[]): Span[][] {
    const { notes } = this;
    notes.ruby = false;
    notes.voice = undefined;
    notes.lang = undefined;
    notes.timestamp = false;
    notes.unknownTag = undefined;
    notes.ignoredClass = undefined;
    this.lineLength = 0;
    this.linesLength = 0;
    this.depth = 1;
    let acrossLines = false;
    for (let k = 0; k < lines.length && !acrossLines; k++) acrossLines = opensTagAcrossLines(lines[k]!);
    // Line by line spares joining the text; a tag that spans lines needs the whole text.
    if (acrossLines) this.run(lines.join('\n'));
    else {
      for (let k = 0; k < lines.length; k++) {
        if (k > 0) this.endLine();
        this.run(lines[k]!);
      }
    }
    this.endLine();
    const out = this.lines;
    // A line of nothing but tags shows nothing; at either end it is not a line at all.
    let start = 0;
    let end = this.linesLength;
    while (start < end && out[start]!.length === 0) start++;
    while (end > start && out[end - 1]!.length === 0) end--;
    return exact(out, start, end);
  }

  private run(text: string): void {
    this.text = text;
    this.pos = 0;
    let result = '';
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === AMP) {
        this.reference.pos = this.pos + 1;
        const chars = consumeCharacterReference(text, this.reference);
        if (chars !== undefined) {
          result += chars;
          this.pos = this.reference.pos;
        } else {
          result += '&';
          this.pos++;
        }
      } else if (c === LT) {
        this.emitText(result);
        result = '';
        this.pos++;
        this.tag();
      } else {
        let end = this.pos + 1;
        while (end < text.length) {
          const d = text.charCodeAt(end);
          if (d === AMP || d === LT) break;
          end++;
        }
        const run = text.slice(this.pos, end);
        result = result === '' ? run : result + run;
        this.pos = end;
      }
    }
    this.emitText(result);
  }

  private endLine(): void {
    this.lines[this.linesLength++] = exact(this.line, 0, this.lineLength);
    this.lineLength = 0;
  }

  private get top(): Frame {
    return this.stack[this.depth - 1]!;
  }

  private emitText(text: string): void {
    if (text === '') return;
    const style = this.top;
    if (style.hidden) {
      this.notes.ruby = true;
      return;
    }
    let from = 0;
    for (;;) {
      const lineEnd = text.indexOf('\n', from);
      const part = lineEnd < 0 ? (from === 0 ? text : text.slice(from)) : text.slice(from, lineEnd);
      if (part !== '') {
        const last = this.lineLength > 0 ? this.line[this.lineLength - 1] : undefined;
        if (last && sameStyle(last, style)) last.text += part;
        else this.line[this.lineLength++] = span(part, style);
      }
      if (lineEnd < 0) return;
      this.endLine();
      from = lineEnd + 1;
    }
  }

  /** The tag state, just after `<`. */
  private tag(): void {
    const { text } = this;
    if (this.pos >= text.length) return;
    const c = text.charCodeAt(this.pos);
    if (c === SLASH) {
      this.pos++;
      this.endTag(this.until(GT));
    } else if (isDigit(c)) {
      this.timestampTag(this.until(GT));
    } else if (c === GT) {
      this.pos++;
    } else {
      this.startTag();
    }
  }

  /** Text up to `stop` or the end; consumes the `stop` character. */
  private until(stop: number): string {
    const { text } = this;
    let end = this.pos;
    while (end < text.length && text.charCodeAt(end) !== stop) end++;
    const value = text.slice(this.pos, end);
    this.pos = end < text.length ? end + 1 : end;
    return value;
  }

  /** Start tag, class and annotation states: `<name.class.class annotation>`. */
  private startTag(): void {
    const { text } = this;
    let end = this.wordEnd(this.pos);
    const name = text.slice(this.pos, end);
    let classes: string[] | undefined;
    while (text.charCodeAt(end) === DOT) {
      const from = end + 1;
      end = this.wordEnd(from);
      (classes ??= []).push(text.slice(from, end));
    }
    this.pos = end;
    let annotation = '';
    if (end < text.length && text.charCodeAt(end) !== GT) annotation = this.until(GT);
    else if (end < text.length) this.pos++;
    this.open(name, classes, annotation);
  }

  /** End of a tag name or class: the next `.`, `>` or white space. */
  private wordEnd(from: number): number {
    const { text } = this;
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === GT || c === DOT || c === SPACE || c === TAB || c === LF || c === FF) break;
      i++;
    }
    return i;
  }

  private open(name: string, classes: readonly string[] | undefined, annotation: string): void {
    const parent = this.top;
    switch (name) {
      case 'c':
      case 'i':
      case 'b':
      case 'u':
      case 'ruby':
        break;
      case 'lang': {
        const tag = annotation.trim();
        if (tag !== '') this.notes.lang ??= tag;
        break;
      }
      case 'v': {
        const speaker = annotation.trim().replace(WHITESPACE_RUN, ' ');
        if (speaker !== '') this.notes.voice ??= speaker;
        break;
      }
      case 'rt':
        if (parent.tag !== 'ruby') return;
        break;
      default:
        if (name !== '') this.notes.unknownTag ??= name;
        return;
    }
    let color = parent.color;
    if (classes) {
      for (const cls of classes) {
        const classColor = this.classColors.get(cls);
        if (classColor !== undefined) color = classColor;
        else if (cls !== '') this.notes.ignoredClass ??= cls;
      }
    }
    this.stack[this.depth++] = {
      tag: name,
      italic: name === 'i' ? true : parent.italic,
      bold: name === 'b' ? true : parent.bold,
      underline: name === 'u' ? true : parent.underline,
      color,
      hidden: parent.hidden || name === 'rt',
    };
  }

  private endTag(name: string): void {
    if (this.depth === 1) return;
    const tag = this.top.tag;
    if (name === tag) this.depth--;
    else if (name === 'ruby' && tag === 'rt') this.depth -= 2;
  }

  private timestampTag(value: string): void {
    const cursor: Cursor = { pos: 0 };
    if (readTimestamp(value, cursor) >= 0 && cursor.pos === value.length) this.notes.timestamp = true;
  }
}
