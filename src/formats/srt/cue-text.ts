import { sameStyle, span } from '../../model/spans.js';
import type { Placement, Span } from '../../model/track.js';
import { keepShapes } from '../shared/keep-shapes.js';
import { assColorValue, fontColorValue } from './color.js';
import { matchBrace, matchEntity, matchTag, type Tag } from './markup.js';
import { messages } from './messages.js';
import { Reporter } from './reporter.js';
import { AMP, LBRACE, LINE_SEPARATOR, LT, PARAGRAPH_SEPARATOR, SPACE, TAB } from '../shared/char-codes.js';

type Style = Omit<Span, 'text'>;


interface Frame {
  name: 'i' | 'b' | 'u' | 'font';
  color?: string;
  /** 1-based input line where the tag opened. */
  line: number;
}

/** `{\anN}`: numpad layout, 1-3 bottom, 4-6 middle, 7-9 top; 1/4/7 left, 3/6/9 right. */
const AN: ReadonlyArray<Placement | undefined> = [
  undefined,
  { vertical: 'bottom', horizontal: 'left' },
  undefined,
  { vertical: 'bottom', horizontal: 'right' },
  { vertical: 'middle', horizontal: 'left' },
  { vertical: 'middle' },
  { vertical: 'middle', horizontal: 'right' },
  { vertical: 'top', horizontal: 'left' },
  { vertical: 'top' },
  { vertical: 'top', horizontal: 'right' },
];

function hasText(line: readonly Span[]): boolean {
  for (const s of line) if (s.text.trim() !== '') return true;
  return false;
}

function isSpaceCode(c: number): boolean {
  return c === SPACE || c === TAB;
}

const UNSTYLED: Style = {};

/**
 * Where the override part starting at `at` ends: at the next backslash, or
 * past the `)` of a part with arguments, since `\t(\c&HFF&)` animates the
 * overrides inside it and they are no part of their own.
 */
function partEnd(content: string, at: number): number {
  let cut = content.indexOf('\\', at);
  const open = content.indexOf('(', at);
  if (open >= 0 && (cut < 0 || open < cut)) {
    const close = content.indexOf(')', open);
    if (close < 0) return content.length;
    cut = content.indexOf('\\', close);
  }
  return cut < 0 ? content.length : cut;
}

/** The decimal number `content[from..to)`, 0 when empty (a bare `\b`); undefined when it holds anything else (`\bord2`). */
function digitsValue(content: string, from: number, to: number): number | undefined {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = content.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    n = Math.min(n * 10 + d, Number.MAX_SAFE_INTEGER);
  }
  return n;
}

/**
 * Tags open at once, at most. Subtitles nest two or three; a file nesting
 * thousands (damaged, or made to stall a reader) would cost time squared in
 * the tag stack, so tags past this depth are ignored, their text kept.
 */
const MAX_DEPTH = 32;

/**
 * The markup of one cue, read line by line. Tags may span lines (`<i>` on the
 * first line, `</i>` on the last), so the open tags live here, not per line.
 * A reader keeps one and starts it again for each cue that has markup.
 */
export class CueText {
  placement: Placement | undefined;
  private positioned = false;
  private readonly frames: Frame[] = [];
  /** Per tag name, opening tags ignored past MAX_DEPTH: their closing tags are ignored with them. */
  private readonly ignored = { i: 0, b: 0, u: 0, font: 0 };
  /**
   * ASS `\i1` `\b1` `\u1` switch a style on until `\i0` (or `\r`) or the
   * end of the cue, as libass renders them; they do not nest as tags do.
   * `\c` sets the colour the same way, until an empty `\c` or `\r`.
   */
  private readonly switched: { italic: boolean; bold: boolean; underline: boolean; color: string | undefined } = {
    italic: false,
    bold: false,
    underline: false,
    color: undefined,
  };
  /** Strike-through was said dropped in this cue: once a cue is enough to find it. */
  private struck = false;
  private style: Style = UNSTYLED;
  private spans: Span[] = [];
  private buf = '';
  private cueId = '';
  /** The cue's own array of lines, shared with the reader's fast path. */
  private lines: Span[][] = [];

  constructor(private readonly report: Reporter) {}

  /** Starts cue `cueId`, whose lines go into `lines`; tags left open before were reported by `finish`. */
  start(cueId: string, lines: Span[][]): this {
    this.cueId = cueId;
    this.lines = lines;
    this.placement = undefined;
    this.positioned = false;
    this.style = UNSTYLED;
    this.ignored.i = this.ignored.b = this.ignored.u = this.ignored.font = 0;
    this.resetSwitched();
    this.struck = false;
    return this;
  }

  /** No tag is open and no override style is on, so a line without markup is one unstyled span. */
  get plain(): boolean {
    const { italic, bold, underline, color } = this.switched;
    return this.frames.length === 0 && !italic && !bold && !underline && color === undefined;
  }

  /** A text line with markup; `line` is its 1-based input line. */
  addLine(text: string, line: number): void {
    this.spans = [];
    this.buf = '';
    let from = 0;
    let i = 0;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LT) {
        const tag = matchTag(text, i);
        if (tag) {
          this.buf += text.slice(from, i);
          this.applyTag(tag, text, i, line);
          i = from = tag.end;
          continue;
        }
      } else if (c === LBRACE) {
        const brace = matchBrace(text, i);
        if (brace) {
          this.buf += text.slice(from, i);
          let end: number;
          if (brace.kind === 'tag') {
            this.applyTag(brace.tag, text, i, line);
            end = brace.tag.end;
          } else {
            // `This {\an8} is`: removing the block must not leave two spaces.
            const afterSpace = (this.buf === '' && this.spans.length === 0) || isSpaceCode(this.buf.charCodeAt(this.buf.length - 1));
            this.override(brace.content, line);
            end = brace.end;
            if (isSpaceCode(text.charCodeAt(end)) && afterSpace) end++;
          }
          i = from = end;
          continue;
        }
      } else if (c === AMP) {
        const entity = matchEntity(text, i);
        if (entity) {
          this.buf += text.slice(from, i) + entity.chars;
          i = from = entity.end;
          continue;
        }
      } else if (c === LINE_SEPARATOR || c === PARAGRAPH_SEPARATOR) {
        this.buf += text.slice(from, i);
        this.endLine();
        i = from = i + 1;
        continue;
      }
      i++;
    }
    this.buf += text.slice(from);
    this.endLine();
  }

  /** Reports tags left open; call once at the end of the cue. */
  finish(): void {
    if (this.frames.length === 0) return;
    for (const f of this.frames) this.report.add(messages.unclosedTag(f.name, f.line), { line: f.line, cueId: this.cueId });
    this.frames.length = 0;
  }

  /** Text joins the span before it when their styles agree (`<b>a</b><b>b</b>`), so a line is canonical as made. */
  private flush(): void {
    const { buf, spans } = this;
    if (buf === '') return;
    const last = spans.length > 0 ? spans[spans.length - 1]! : undefined;
    if (last !== undefined && sameStyle(last, this.style)) last.text += buf;
    else spans.push(span(buf, this.style));
    this.buf = '';
  }

  /** Lines left empty by markup alone (`{\an8}` on its own line) are dropped. */
  private endLine(): void {
    this.flush();
    if (hasText(this.spans)) this.lines.push(this.spans);
    this.spans = [];
  }

  /** The tag read at `text[at..tag.end)`, which only a diagnostic quotes. */
  private applyTag(tag: Tag, text: string, at: number, line: number): void {
    switch (tag.name) {
      case 'i':
      case 'b':
      case 'u':
      case 'font':
        this.flush();
        if (tag.closing) this.close(tag.name, text, at, tag.end, line);
        else this.open(tag.name, tag.attributes, line);
        this.restyle();
        return;
      case 'br':
        if (!tag.closing) this.endLine();
        return;
      default:
        this.report.addOnce(messages.unknownTag(text.slice(at, tag.end)), { line, cueId: this.cueId });
    }
  }

  private open(name: Frame['name'], attributes: string, line: number): void {
    if (this.frames.length >= MAX_DEPTH) {
      this.ignored[name]++;
      this.report.addOnce(messages.nestedTooDeep(MAX_DEPTH), { line, cueId: this.cueId });
      return;
    }
    const frame: Frame = { name, line };
    if (name === 'font') {
      const color = this.fontColor(attributes, line);
      if (color !== undefined) frame.color = color;
    }
    this.frames.push(frame);
  }

  private close(name: Frame['name'], text: string, at: number, end: number, line: number): void {
    if (this.ignored[name] > 0) {
      this.ignored[name]--;
      return;
    }
    let k = this.frames.length - 1;
    while (k >= 0 && this.frames[k]!.name !== name) k--;
    if (k < 0) {
      this.report.add(messages.unmatchedCloseTag(text.slice(at, end)), { line, cueId: this.cueId });
      return;
    }
    if (k === this.frames.length - 1) {
      this.frames.pop();
      return;
    }
    // `<b><i>x</b></i>`: close through the match, then reopen what was above it.
    const above = this.frames.splice(k);
    above.shift();
    this.report.add(messages.misnestedTag(text.slice(at, end), above[above.length - 1]!.name), { line, cueId: this.cueId });
    for (const frame of above) this.frames.push(frame);
  }

  private restyle(): void {
    const style: Style = {};
    if (this.switched.italic) style.italic = true;
    if (this.switched.bold) style.bold = true;
    if (this.switched.underline) style.underline = true;
    if (this.switched.color !== undefined) style.color = this.switched.color;
    for (const f of this.frames) {
      if (f.name === 'i') style.italic = true;
      else if (f.name === 'b') style.bold = true;
      else if (f.name === 'u') style.underline = true;
      else if (f.color !== undefined) style.color = f.color;
    }
    this.style = style;
  }

  /** `color="#ff0000"`, `color='yellow'`, `color=red`; other attributes noted and dropped. */
  private fontColor(attributes: string, line: number): string | undefined {
    let color: string | undefined;
    let i = 0;
    const n = attributes.length;
    while (i < n) {
      while (i < n && (isSpaceCode(attributes.charCodeAt(i)) || attributes[i] === '/')) i++;
      if (i >= n) break;
      const nameFrom = i;
      while (i < n && attributes[i] !== '=' && !isSpaceCode(attributes.charCodeAt(i))) i++;
      const name = attributes.slice(nameFrom, i).toLowerCase();
      while (i < n && isSpaceCode(attributes.charCodeAt(i))) i++;
      let value = '';
      if (attributes[i] === '=') {
        i++;
        while (i < n && isSpaceCode(attributes.charCodeAt(i))) i++;
        const q = attributes[i];
        if (q === '"' || q === "'") {
          const close = attributes.indexOf(q, i + 1);
          const end = close < 0 ? n : close;
          value = attributes.slice(i + 1, end);
          i = end + 1;
        } else {
          const from = i;
          while (i < n && !isSpaceCode(attributes.charCodeAt(i))) i++;
          value = attributes.slice(from, i);
        }
      }
      if (name === 'color') {
        color = fontColorValue(value);
        if (color === undefined) this.report.add(messages.invalidColor(value), { line, cueId: this.cueId });
      } else {
        this.report.addOnce(messages.fontAttribute(attributes.slice(nameFrom, i)), { line, cueId: this.cueId });
      }
    }
    return color;
  }

  private override(content: string, line: number): void {
    let other = false;
    let restyle = false;
    // The parts between backslashes, walked in place: `split` costs more than the rest of a usual `{\an8}` cue.
    for (let from = 0; from <= content.length; ) {
      const at = from;
      const to = partEnd(content, at);
      from = to + 1;
      if (to === at) continue;
      const digit = content.charCodeAt(at + 2) - 0x30;
      if (to - at === 3 && content.charCodeAt(at) === 0x61 && content.charCodeAt(at + 1) === 0x6e && digit >= 1 && digit <= 9) {
        if (this.positioned) {
          this.report.add(messages.duplicatePosition(`{\\${content.slice(at, to)}}`), { line, cueId: this.cueId });
          continue;
        }
        this.positioned = true;
        const p = AN[digit];
        if (p) this.placement = { ...p };
      } else if (this.switchStyle(content, at, to, line)) {
        restyle = true;
      } else {
        other = true;
      }
    }
    if (restyle) this.restyle();
    if (other) this.report.addOnce(messages.assOverride(`{${content}}`), { line, cueId: this.cueId });
  }

  /**
   * `\i1`/`\i0`, `\b1`/`\b0`, `\u1`/`\u0`, a `\b700` weight, a `\c&HBBGGRR&`
   * colour and `\s1`/`\s0` in `content[at..to)`; a bare `\i` or `\c`, or
   * `\r`, goes back to the style's default, which for SRT (ffmpeg's default
   * style) is plain. False for any other override.
   */
  private switchStyle(content: string, at: number, to: number, line: number): boolean {
    const length = to - at;
    const letter = content[at];
    if (letter === 'r') {
      if (length !== 1) return false;
      this.flush();
      this.resetSwitched();
      return true;
    }
    if (letter === 'c' ? !content.startsWith('clip', at) : letter === '1' && content[at + 1] === 'c') {
      this.flush();
      this.switchColor(content, at, to, letter === 'c' ? at + 1 : at + 2, line);
      return true;
    }
    if (letter === 'b' || letter === 's') {
      const value = digitsValue(content, at + 1, to);
      if (value === undefined) return false;
      if (letter === 's') return this.strike(value, content, at, to, line);
      // libass takes 0, 1 and weights from 100 up, and draws a weight as bold when it is more than 150 above the regular face's 400.
      if (value > 1 && value < 100) return false;
      this.flush();
      this.switched.bold = value === 1 || value > 550;
      return true;
    }
    const key = letter === 'i' ? 'italic' : letter === 'u' ? 'underline' : undefined;
    if (key === undefined || length > 2) return false;
    const digit = length === 2 ? content[at + 1] : '0';
    if (digit !== '0' && digit !== '1') return false;
    this.flush();
    this.switched[key] = digit === '1';
    return true;
  }

  /** `\c` / `\1c` in `content[at..to)`, its value from `from`; an empty value is the default colour again. */
  private switchColor(content: string, at: number, to: number, from: number, line: number): void {
    if (from === to) {
      this.switched.color = undefined;
      return;
    }
    const color = assColorValue(content.slice(from, to));
    if (color === undefined) this.report.add(messages.invalidAssColor(`{\\${content.slice(at, to)}}`), { line, cueId: this.cueId });
    else this.switched.color = color;
  }

  /** `\s1` and `\s0`: the model has no strike-through, so its words are kept plain and the loss said, once a cue. */
  private strike(value: number, content: string, at: number, to: number, line: number): boolean {
    if (value > 1) return false;
    if (value === 1 && !this.struck) {
      this.struck = true;
      this.report.add(messages.strikeDropped(`{\\${content.slice(at, to)}}`), { line, cueId: this.cueId });
    }
    return true;
  }

  private resetSwitched(): void {
    this.switched.italic = this.switched.bold = this.switched.underline = false;
    this.switched.color = undefined;
  }
}

keepShapes(new CueText(new Reporter()));
