import { normalizeLine } from '../model/spans.js';
import type { Span } from '../model/track.js';

/** The part of a line between two text offsets, each span keeping its style. */
export function sliceSpans(line: readonly Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  let offset = 0;
  for (const s of line) {
    const start = Math.max(from, offset);
    const end = Math.min(to, offset + s.text.length);
    if (end > start) out.push({ ...s, text: s.text.slice(start - offset, end - offset) });
    offset += s.text.length;
  }
  return normalizeLine(out);
}
