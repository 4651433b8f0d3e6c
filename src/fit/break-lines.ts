import { lineText, splitLines } from '../model/spans.js';
import type { Span } from '../model/track.js';

const CJK = /^(zh|ja|ko)(-|$)/i;

/** Netflix figures: 42 characters a line for Latin scripts, 16 for Simplified Chinese, 13 for Japanese. */
export function maxLineWidth(language: string): number {
  if (/^ja(-|$)/i.test(language)) return 13;
  if (/^(zh|ko)(-|$)/i.test(language)) return 16;
  return 42;
}

/** Full-width characters count 1, half-width 0.5 in CJK languages; every character counts 1 elsewhere. */
export function textWidth(text: string, language: string): number {
  if (!CJK.test(language)) return [...text].length;
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x1100 || (ch >= '\uff61' && ch <= '\uffdc') ? 0.5 : 1;
  return width;
}

function sliceSpans(spans: readonly Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  let offset = 0;
  for (const s of spans) {
    const start = Math.max(from, offset);
    const end = Math.min(to, offset + s.text.length);
    if (end > start) out.push({ ...s, text: s.text.slice(start - offset, end - offset) });
    offset += s.text.length;
  }
  return out;
}

/**
 * One line when it fits, else two: the break nearest the middle, at a space
 * (or after punctuation in CJK text), preferring a longer bottom line. Text
 * is never cut; a line too long for the width stays long (QC flags it).
 * Lines already separated (dialogue dashes) are kept as they are.
 */
export function breakLines(spans: readonly Span[], language: string): Span[][] {
  const lines = splitLines(spans);
  if (lines.length !== 1) return lines;
  const line = lines[0]!;
  const text = lineText(line);
  if (textWidth(text, language) <= maxLineWidth(language)) return [line];
  const cjk = CJK.test(language);
  const middle = text.length / 2;
  let best = -1;
  let bestScore = Infinity;
  for (let i = 1; i < text.length; i++) {
    const breakable = cjk ? /[，。、；：！？,;:!?]/.test(text[i - 1]!) || text[i] === ' ' : text[i] === ' ';
    if (!breakable) continue;
    // Slightly favour breaks before the middle: a bottom-heavy pyramid reads better.
    const score = Math.abs(i - middle) + (i > middle ? 1 : 0);
    if (score < bestScore) [best, bestScore] = [i, score];
  }
  if (best < 0 && cjk) best = Math.round(middle);
  if (best < 0) return [line];
  const top = sliceSpans(line, 0, best);
  const bottom = sliceSpans(line, text[best] === ' ' ? best + 1 : best, text.length);
  return splitLines(top).concat(splitLines(bottom)).filter((l) => lineText(l).trim() !== '');
}
