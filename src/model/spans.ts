import type { Cue, Span } from './track.js';

/** A span's style; `undefined` reads as unset, so a style with every key present fits too. */
export type Style = { readonly [K in keyof Omit<Span, 'text'>]?: Span[K] | undefined };

/** Whether text styled `b` may join span `a`: a reader joining as it goes keeps its lines canonical without `normalizeLine`. */
export function sameStyle(a: Span, b: Style): boolean {
  return a.italic === b.italic && a.bold === b.bold && a.underline === b.underline && a.color === b.color;
}

/**
 * A span with only the style flags that are set, so equal styles compare
 * equal. One object literal for each combination: properties added after
 * creation would move the object to a new shape on every span.
 */
export function span(text: string, style: Style = {}): Span {
  const flags = (style.italic ? 1 : 0) | (style.bold ? 2 : 0) | (style.underline ? 4 : 0);
  const { color } = style;
  if (color === undefined) {
    switch (flags) {
      case 0: return { text };
      case 1: return { text, italic: true };
      case 2: return { text, bold: true };
      case 3: return { text, italic: true, bold: true };
      case 4: return { text, underline: true };
      case 5: return { text, italic: true, underline: true };
      case 6: return { text, bold: true, underline: true };
      default: return { text, italic: true, bold: true, underline: true };
    }
  }
  switch (flags) {
    case 0: return { text, color };
    case 1: return { text, italic: true, color };
    case 2: return { text, bold: true, color };
    case 3: return { text, italic: true, bold: true, color };
    case 4: return { text, underline: true, color };
    case 5: return { text, italic: true, underline: true, color };
    case 6: return { text, bold: true, underline: true, color };
    default: return { text, italic: true, bold: true, underline: true, color };
  }
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
