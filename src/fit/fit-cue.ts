import { lineText, splitLines } from '../model/spans.js';
import { speakerLines } from '../model/tagged-text.js';
import type { Lang, Span } from '../model/track.js';
import { showsNothing } from '../model/white-space.js';
import { findBreakPoints, LAST_RESORT, speakerBreaks } from './break-points.js';
import { chooseLayout, type Layout } from './choose-lines.js';
import { sliceSpans } from './slice-spans.js';
import { textWidth, visibleCharacters } from '../model/language.js';

export interface FitOptions {
  language: Lang;
  /** Per line; CJK languages count full-width characters 1 and half-width 0.5. */
  maxCharsPerLine: number;
  /** @default 2 */
  maxLines?: number;
  /** Target-language renderings of glossary terms: split across lines only when no other layout fits. */
  protectedPhrases?: readonly string[];
}

export interface FitResult {
  lines: Span[][];
  /** Every line within the width and no more lines than allowed. */
  fits: boolean;
  reason?: 'too-long';
}

function result(lines: Span[][], fits: boolean): FitResult {
  return fits ? { lines, fits } : { lines, fits, reason: 'too-long' };
}

/**
 * Width of every prefix of the text, indexed by UTF-16 offset, so any line's
 * width is one subtraction; NaN inside a character a viewer sees as one
 * (a surrogate pair, an accent written as a combining mark, an emoji sequence),
 * where no line may break.
 */
function prefixWidths(text: string, language: Lang): Float64Array {
  const widths = new Float64Array(text.length + 1).fill(NaN);
  widths[0] = 0;
  let offset = 0;
  for (const { length, width } of visibleCharacters(text, language)) {
    widths[offset + length] = widths[offset]! + width;
    offset += length;
  }
  return widths;
}

/**
 * Breaks a cue's text into lines that fit: one line when it fits in one,
 * else the fewest lines (up to `maxLines`) at the best-scored break points
 * (see break-points.ts). The text is never cut or changed: only the
 * whitespace at a break is consumed, and styles carry across it. Lines the
 * text already has (a translator's) are kept when they fit; when they do
 * not, each speaker's line (one opening with a dialogue dash) is kept and
 * any other break is chosen again (`speakerLines`). Empty lines are
 * dropped. A dialogue written
 * on one line breaks before each speaker's dash, and only there. When nothing fits, the
 * layout that overflows least comes back with `fits: false` for QC to flag.
 */
export function fitCue(spans: readonly Span[], options: FitOptions): FitResult {
  const { language, maxCharsPerLine: maxWidth, maxLines = 2, protectedPhrases = [] } = options;
  const split = splitLines(spans);
  const filled = split.filter((l) => !showsNothing(lineText(l)));
  // A cue of no words keeps its one line, as a reader made it.
  const typed = filled.length > 0 ? filled : split.slice(0, 1);
  const fitsAsTyped = (lines: Span[][]) => lines.length <= maxLines && lines.every((l) => textWidth(lineText(l), language) <= maxWidth);
  // A translator's own layout stands when it fits; one that does not is chosen again, each speaker still on a line.
  if (typed.length > 1 && fitsAsTyped(typed)) return result(typed, true);
  const given = typed.length > 1 ? speakerLines(typed, language) : typed;
  if (given.length !== 1) return result(given, fitsAsTyped(given));
  const line = given[0]!;
  const text = lineText(line);
  const widths = prefixWidths(text, language);
  // Two speakers on one line: each gets a line that opens with its dash, wherever else the text could break.
  const speakers = maxLines >= 2 ? speakerBreaks(text) : [];
  if (speakers.length === 0 && widths[text.length]! <= maxWidth) return result([line], maxLines >= 1);
  const points =
    speakers.length > 0
      ? speakers
      : maxLines >= 2
        ? findBreakPoints(text, language, protectedPhrases).filter((p) => !Number.isNaN(widths[p.at]! + widths[p.resume]!))
        : [];
  const widthBetween = (from: number, to: number): number => widths[to]! - widths[from]!;
  // Fewest lines first; but a layout that fits only by a last-resort break (inside a name or a glossary rendering)
  // gives way to one more line that fits without it.
  const lastResort = (layout: Layout) => layout.breaks.some((p) => p.level >= LAST_RESORT);
  const better = (a: Layout, b: Layout) => (a.overflow !== b.overflow ? a.overflow < b.overflow : lastResort(b) && !lastResort(a));
  let best: Layout | undefined;
  for (let count = 2; count <= maxLines; count++) {
    const layout = chooseLayout(widthBetween, text.length, points, count, maxWidth);
    if (!layout) break;
    if (!best || better(layout, best)) best = layout;
    if (best.overflow === 0 && !lastResort(best)) break;
  }
  if (!best) return result([line], false);
  const lines: Span[][] = [];
  let from = 0;
  for (const p of [...best.breaks, { at: text.length, resume: text.length }]) {
    lines.push(sliceSpans(line, from, p.at));
    from = p.resume;
  }
  return result(lines, best.overflow === 0);
}
