import { normalizeLine, trimLines } from '../../model/spans.js';
import type { Span } from '../../model/track.js';
import type { StyleProps } from './styles.js';

/** One piece of a paragraph's content: a run of text or a `<br/>`. */
export type Run = { text: string; style: StyleProps; preserve: boolean } | { br: true };

const WHITESPACE = /[ \t\r\n]+/g;
const NEEDS_COLLAPSE = /[\t\r\n]| {2}/;

function toSpan(text: string, style: StyleProps): Span {
  const s: Span = { text };
  if (style.italic) s.italic = true;
  if (style.bold) s.bold = true;
  if (style.underline) s.underline = true;
  if (style.color) s.color = style.color;
  return s;
}

/**
 * A paragraph's text to lines, run by run. `xml:space="default"` collapses
 * white space the XSL-FO way (runs become one space, across spans; none at
 * a line's start or end); `preserve` keeps it, and its line feeds break lines.
 * One builder serves paragraph after paragraph: what it hands out are copies
 * at their final length, and its own arrays keep their room for the next
 * (emptying an array gives its room back, and the next push allocates anew).
 */
export class LineBuilder {
  private readonly lines: Span[][] = [];
  private lineCount = 0;
  private readonly spans: Span[] = [];
  private spanCount = 0;
  /** Whether the line's end came from collapsible text, whose trailing spaces go. */
  private trimEnd = false;
  private afterSpace = true;

  text(text: string, style: StyleProps, preserve: boolean): void {
    if (preserve) {
      const parts = text.replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((part, i) => {
        if (i > 0) this.endLine();
        if (part !== '') this.spans[this.spanCount++] = toSpan(part, style);
      });
      this.trimEnd = false;
      this.afterSpace = text.endsWith(' ') || text.endsWith('\n');
      return;
    }
    let t = NEEDS_COLLAPSE.test(text) ? text.replace(WHITESPACE, ' ') : text;
    if (this.afterSpace && t.startsWith(' ')) t = t.slice(1);
    if (t === '') return;
    this.spans[this.spanCount++] = toSpan(t, style);
    this.trimEnd = true;
    this.afterSpace = t.endsWith(' ');
  }

  br(): void {
    this.endLine();
    this.afterSpace = true;
  }

  /** The lines, without blank ones at the start or the end. */
  finish(): Span[][] {
    this.endLine();
    const n = this.lineCount;
    const lines = n === 1 ? [this.lines[0]!] : this.lines.slice(0, n);
    this.lineCount = 0;
    this.afterSpace = true;
    return isBlankLine(lines[0]!) || isBlankLine(lines[n - 1]!) ? trimLines(lines) : lines;
  }

  private endLine(): void {
    const first = this.spans[0];
    // One non-empty span is a line in canonical form already.
    const single = this.spanCount === 1 && first!.text !== '';
    const normal = single ? [first!] : normalizeLine(this.spans.slice(0, this.spanCount));
    this.spanCount = 0;
    if (this.trimEnd) {
      while (normal.length > 0) {
        const last = normal[normal.length - 1]!;
        if (!last.text.endsWith(' ')) break;
        last.text = last.text.replace(/ +$/, '');
        if (last.text !== '') break;
        normal.pop();
      }
    }
    // Kept in the track: no spare capacity from growing it span by span.
    this.lines[this.lineCount++] = single ? normal : normal.length === 1 ? [normal[0]!] : normal.slice();
    this.trimEnd = false;
  }
}

/** Runs to lines, as `LineBuilder` reads them. */
export function buildLines(runs: readonly Run[]): Span[][] {
  const lines = new LineBuilder();
  for (const run of runs) {
    if ('br' in run) lines.br();
    else lines.text(run.text, run.style, run.preserve);
  }
  return lines.finish();
}

const VISIBLE = /\S/;

/** As `trimLines` judges a line: nothing but white space. */
function isBlankLine(line: readonly Span[]): boolean {
  for (const s of line) if (VISIBLE.test(s.text)) return false;
  return true;
}
