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
 * Runs to lines. `xml:space="default"` collapses white space the XSL-FO way
 * (runs become one space, across spans; none at a line's start or end);
 * `preserve` keeps it, and its line feeds break lines.
 */
export function buildLines(runs: readonly Run[]): Span[][] {
  const out: Span[][] = [];
  let line: Span[] = [];
  // Whether the line's end came from collapsible text, whose trailing spaces go.
  let trimEnd = false;
  let afterSpace = true;
  for (const run of runs) {
    if ('br' in run) {
      out.push(finishLine(line, trimEnd));
      line = [];
      trimEnd = false;
      afterSpace = true;
      continue;
    }
    if (run.preserve) {
      const parts = run.text.replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((part, i) => {
        if (i > 0) {
          out.push(finishLine(line, trimEnd));
          line = [];
          trimEnd = false;
        }
        if (part !== '') line.push(toSpan(part, run.style));
      });
      trimEnd = false;
      afterSpace = run.text.endsWith(' ') || run.text.endsWith('\n');
      continue;
    }
    let t = NEEDS_COLLAPSE.test(run.text) ? run.text.replace(WHITESPACE, ' ') : run.text;
    if (afterSpace && t.startsWith(' ')) t = t.slice(1);
    if (t === '') continue;
    line.push(toSpan(t, run.style));
    trimEnd = true;
    afterSpace = t.endsWith(' ');
  }
  out.push(finishLine(line, trimEnd));
  return isBlankLine(out[0]!) || isBlankLine(out[out.length - 1]!) ? trimLines(out) : out;
}

function finishLine(line: Span[], trimEnd: boolean): Span[] {
  // One non-empty span is a line in canonical form already.
  const normal = line.length === 1 && line[0]!.text !== '' ? line : normalizeLine(line);
  if (trimEnd) {
    while (normal.length > 0) {
      const last = normal[normal.length - 1]!;
      if (!last.text.endsWith(' ')) break;
      last.text = last.text.replace(/ +$/, '');
      if (last.text !== '') break;
      normal.pop();
    }
  }
  // Kept in the track: no spare capacity from growing it span by span.
  return normal.length === 1 ? [normal[0]!] : normal.slice();
}

const VISIBLE = /\S/;

/** As `trimLines` judges a line: nothing but white space. */
function isBlankLine(line: readonly Span[]): boolean {
  for (const s of line) if (VISIBLE.test(s.text)) return false;
  return true;
}
