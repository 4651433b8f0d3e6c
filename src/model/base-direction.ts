import type { Span } from './track.js';

/** Letters, the three direction marks (LRM, RLM, ALM) and the isolate controls P2 skips between. */
const STRONG = /[\p{L}\u200e\u200f\u061c\u2066-\u2069]/gu;

/**
 * Whether a code point found by STRONG is right-to-left (bidi class R or
 * AL): the letters of the blocks Unicode keeps for right-to-left scripts
 * (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation forms),
 * RLM and ALM.
 */
function rightToLeft(c: number): boolean {
  return (
    (c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe) || (c >= 0x10800 && c <= 0x10fff) || (c >= 0x1e800 && c <= 0x1efff) || c === 0x200f
  );
}

/**
 * The base direction of a cue's text by the Unicode bidi rules P2 and P3,
 * as WebVTT renders it: its first strong character, outside isolates; left
 * to right when it has none (digits and punctuation only).
 */
export function isRightToLeft(lines: readonly (readonly Span[])[]): boolean {
  let isolates = 0;
  for (const line of lines) {
    for (const { text } of line) {
      STRONG.lastIndex = 0;
      for (let m = STRONG.exec(text); m !== null; m = STRONG.exec(text)) {
        const c = text.codePointAt(m.index)!;
        if (c >= 0x2066 && c <= 0x2068) isolates++;
        else if (c === 0x2069) isolates = Math.max(0, isolates - 1);
        else if (isolates === 0) return rightToLeft(c);
      }
    }
  }
  return false;
}
