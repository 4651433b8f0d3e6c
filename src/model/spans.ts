import type { Cue, Span } from './track.js';

type Style = Omit<Span, 'text'>;

function sameStyle(a: Span, b: Span): boolean {
  return a.italic === b.italic && a.bold === b.bold && a.underline === b.underline && a.color === b.color;
}

/** A span with only the style flags that are set, so equal styles compare equal. */
export function span(text: string, style: Style = {}): Span {
  const s: Span = { text };
  if (style.italic) s.italic = true;
  if (style.bold) s.bold = true;
  if (style.underline) s.underline = true;
  if (style.color !== undefined) s.color = style.color;
  return s;
}

/** Joins neighbours of equal style and drops empty spans: the canonical form of a line. */
export function normalizeLine(line: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of line) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && sameStyle(last, s)) last.text += s.text;
    else out.push(span(s.text, s));
  }
  return out;
}

/** Splits a flat run of spans at `\n` into lines, normalizing each. */
export function splitLines(spans: readonly Span[]): Span[][] {
  const lines: Span[][] = [[]];
  for (const s of spans) {
    const parts = s.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      lines[lines.length - 1]!.push(span(part, s));
    });
  }
  return lines.map(normalizeLine);
}

/** Drops leading and trailing empty lines; blank lines inside the text stay. */
export function trimLines(lines: Span[][]): Span[][] {
  let start = 0;
  let end = lines.length;
  while (start < end && lineText(lines[start]!).trim() === '') start++;
  while (end > start && lineText(lines[end - 1]!).trim() === '') end--;
  return lines.slice(start, end);
}

export function lineText(line: readonly Span[]): string {
  return line.map((s) => s.text).join('');
}

export function cueText(cue: Pick<Cue, 'lines'>): string {
  return cue.lines.map(lineText).join('\n');
}
