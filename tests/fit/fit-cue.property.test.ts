import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitCue } from '../../src/fit/fit-cue.js';
import { textWidth } from '../../src/model/language.js';
import { lineText, span } from '../../src/model/spans.js';
import type { Span } from '../../src/model/track.js';

const words = ['the', 'a', 'Zhang', 'Wei', 'de', 'la', 'hotline', 'calls,', 'from', 'and', 'Dongcheng.', '60', '000', '?', '«', '»', '—', 'l’État', 'über', 'Supercalifragilistic', '胡同', '，', '市民', 'は', 'ホットライン', '。', '12345'];
const spaces = [' ', ' ', ' ', '  ', '\u00a0', '\t', '\u3000', ''];

const arbSpans = fc
  .array(
    fc.record({
      text: fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...spaces)), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([w, s]) => w + s).join('')),
      italic: fc.boolean(),
      bold: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts): Span[] => parts.map((p) => span(p.text, { italic: p.italic ? true : undefined, bold: p.bold ? true : undefined })));

const arbOptions = fc.record({
  language: fc.constantFrom('en', 'fr-FR', 'de', 'it', 'es', 'zh-Hans', 'ja', 'ko', 'pt'),
  maxCharsPerLine: fc.integer({ min: 4, max: 45 }),
  maxLines: fc.integer({ min: 1, max: 3 }),
  protectedPhrases: fc.subarray(['Zhang Wei', 'hotline calls', '市民ホットライン', 'de la']),
});

/** One entry per UTF-16 unit: the style of the span it comes from. */
function styles(line: readonly Span[]): string[] {
  return line.flatMap((s) => Array.from(s.text, () => `${s.italic ?? ''}${s.bold ?? ''}`));
}

describe('fitCue properties', () => {
  it('never changes the text: the lines and the consumed whitespace give back the input, styles and all', () => {
    fc.assert(
      fc.property(arbSpans, arbOptions, (spans, options) => {
        const input = lineText(spans);
        const inputStyles = styles(spans);
        const { lines, fits } = fitCue(spans, options);
        let at = 0;
        lines.forEach((line, i) => {
          const text = lineText(line);
          // Spaced scripts consume the whitespace at a break; Chinese and Japanese may break between two characters.
          if (i > 0) {
            const gap = /^\s*/u.exec(input.slice(at))![0];
            expect(gap).not.toMatch(/[\u00a0\u2007\u202f]/u);
            at += gap.length;
          }
          expect(text.trim()).not.toBe('');
          expect(input.slice(at, at + text.length)).toBe(text);
          expect(styles(line)).toEqual(inputStyles.slice(at, at + text.length));
          at += text.length;
        });
        expect(at).toBe(input.length);
        if (fits) {
          expect(lines.length).toBeLessThanOrEqual(options.maxLines);
          for (const line of lines) expect(textWidth(lineText(line), options.language)).toBeLessThanOrEqual(options.maxCharsPerLine);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never splits a grapheme cluster, and counts each one once', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const clusters = ['e\u0301', '👨‍👩‍👧‍👦', '🇫🇷', '👍🏽', 'カ\u3099', 'a', 'の', ' ', '\u3000', '\u200f'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...clusters), { minLength: 1, maxLength: 40 }), arbOptions, (parts, options) => {
        const input = parts.join('');
        const { lines, fits } = fitCue([{ text: input }], options);
        const edges = new Set([...segmenter.segment(input)].map((s) => s.index));
        let at = 0;
        lines.forEach((line, i) => {
          const text = lineText(line);
          at = input.indexOf(text, at);
          if (i > 0) expect(edges.has(at), JSON.stringify(lines)).toBe(true);
          at += text.length;
          expect(at === input.length || edges.has(at), JSON.stringify(lines)).toBe(true);
        });
        // A line of clusters that fits is no wider than its clusters allow.
        if (fits) for (const line of lines) expect([...segmenter.segment(lineText(line))].length).toBeGreaterThanOrEqual(textWidth(lineText(line), options.language));
      }),
      { numRuns: 500 },
    );
    // Fifteen accented letters, decomposed: thirty code points, fifteen characters, one line of 16.
    expect(fitCue([{ text: 'e\u0301'.repeat(15) }], { language: 'fr', maxCharsPerLine: 16 }).fits).toBe(true);
  });

  it('splits a protected phrase only when no layout that keeps it whole fits', () => {
    fc.assert(
      fc.property(arbSpans, arbOptions, (spans, options) => {
        const input = lineText(spans);
        if (input.includes('\n')) return;
        const fitted = fitCue(spans, { ...options, protectedPhrases: ['hotline calls'] });
        const phrases = input.match(/hotline[ \t\u3000]+calls/g) ?? [];
        if ((fitted.lines.map(lineText).join('\n').match(/hotline[ \t\u3000]+calls/g) ?? []).length === phrases.length) return;
        // Split: then the text with the phrase held by a no-break space, which no layout may split, does not fit.
        const held = spans.map((s) => ({ ...s, text: s.text.replace(/hotline[ \t\u3000]+calls/g, 'hotline\u00a0calls') }));
        expect(fitCue(held, options).fits).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
