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
 */
export class LineBuilder {
  private readonly lines: Span[][] = [];
  private line: Span[] = [];
  /** Whether the line's end came from collapsible text, whose trailing spaces go. */
  private trimEnd = false;
  private afterSpace = true;

  text(text: string, style: StyleProps, preserve: boolean): void {
    if (preserve) {
      const parts = text.replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((part, i) => {
        if (i > 0) this.endLine();
        if (part !== '') this.line.push(toSpan(part, style));
      });
      this.trimEnd = false;
      this.afterSpace = text.endsWith(' ') || text.endsWith('\n');
      return;
    }
    let t = NEEDS_COLLAPSE.test(text) ? text.replace(WHITESPACE, ' ') : text;
    if (this.afterSpace && t.startsWith(' ')) t = t.slice(1);
    if (t === '') return;
    this.line.push(toSpan(t, style));
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
    const out = this.lines;
    // Kept in the track: a copy at its final length, as trimLines makes too.
    return isBlankLine(out[0]!) || isBlankLine(out[out.length - 1]!) ? trimLines(out) : out.length === 1 ? [out[0]!] : out.slice();
  }

  private endLine(): void {
    const line = this.line;
    // One non-empty span is a line in canonical form already.
    const normal = line.length === 1 && line[0]!.text !== '' ? line : normalizeLine(line);
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
    this.lines.push(normal.length === 1 ? [normal[0]!] : normal.slice());
    this.line = [];
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
